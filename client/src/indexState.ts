import type { IndexStatus } from '../../server/src/protocol/protocol';

/** The latest index status, and a promise for "indexing has finished" (for tests and commands). */
export class IndexState {
  #status: IndexStatus | undefined;
  #waiting: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  get status(): IndexStatus | undefined {
    return this.#status;
  }

  update(status: IndexStatus): void {
    this.#status = status;
    if (status.state === 'indexing') return;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const w of waiting) {
      if (status.state === 'ready') w.resolve();
      else w.reject(new Error(status.message ?? 'Indexing the sources failed'));
    }
  }

  /** Resolves once the index is ready (at once if it is), rejects if indexing fails. */
  whenIndexed(): Promise<void> {
    if (this.#status?.state === 'ready') return Promise.resolve();
    if (this.#status?.state === 'error') return Promise.reject(new Error(this.#status.message ?? 'Indexing the sources failed'));
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Called when the server stops or fails to start: nobody should wait forever. */
  fail(message: string): void {
    this.update({ state: 'error', sources: 0, passages: 0, message });
  }
}
