import type { CancellationToken } from 'vscode-languageserver';

/** Resolves after `ms`, or at once when `token` is cancelled; the result says whether it was. */
export function delay(ms: number, token?: CancellationToken): Promise<boolean> {
  if (token?.isCancellationRequested) return Promise.resolve(true);
  // No pause: only let the messages already received (a cancellation) through.
  if (ms <= 0) return new Promise((resolve) => setImmediate(() => resolve(token?.isCancellationRequested === true)));
  return new Promise((resolve) => {
    const listener = token?.onCancellationRequested(() => {
      clearTimeout(timer);
      resolve(true);
    });
    const timer = setTimeout(() => {
      listener?.dispose();
      resolve(false);
    }, ms);
  });
}

/** Lets pending I/O and requests run between two slices of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Runs tasks one after another, so an index is never updated by two tasks at once. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Collects items and hands them over in one batch once none has arrived for `ms`
 * (file-system events come in bursts: a save is often delete + create + change).
 */
export class Batcher<T> {
  #items: T[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly flush: (items: T[]) => void,
  ) {}

  add(items: Iterable<T>): void {
    this.#items.push(...items);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const batch = this.#items;
      this.#items = [];
      this.flush(batch);
    }, this.ms);
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#items = [];
  }
}
