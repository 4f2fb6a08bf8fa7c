import type { Passage, SourceDocument } from './types';
import { passagesOf } from './sources/passages';
import { Bm25Index, type Hit } from './retrieval/bm25';
import { tokenize, isContent, type Token } from './text/tokens';
import { LineIndex } from './text/lineIndex';

/** What the engine keeps of one source. */
export interface IndexedSource {
  doc: SourceDocument;
  passages: Passage[];
  lines: LineIndex;
}

/** Index keys of a text: content-word keys plus numbers, so figures help retrieval too. */
export function indexKeys(tokens: readonly Token[]): string[] {
  const keys: string[] = [];
  for (const t of tokens) if (isContent(t) || /^\d/.test(t.lower)) keys.push(t.key);
  return keys;
}

/**
 * The sources of a workspace, split into passages and indexed for retrieval.
 * Sources can be added, replaced and removed one at a time; `version` changes on every change so
 * callers can cache results per corpus version.
 */
export class Corpus {
  readonly #sources = new Map<string, IndexedSource>();
  readonly #passages: Array<Passage | undefined> = [];
  readonly #index = new Bm25Index();
  #version = 0;

  constructor(docs: Iterable<SourceDocument> = []) {
    for (const d of docs) this.upsert(d);
  }

  get version(): number {
    return this.#version;
  }

  get passageCount(): number {
    return this.#index.size;
  }

  get size(): number {
    return this.#sources.size;
  }

  upsert(doc: SourceDocument): void {
    this.remove(doc.id);
    const passages = passagesOf(doc, this.#passages.length);
    for (const p of passages) {
      this.#passages[p.id] = p;
      this.#index.add(p.id, indexKeys(tokenize(p.text)));
    }
    this.#sources.set(doc.id, { doc, passages, lines: new LineIndex(doc.text) });
    this.#version++;
  }

  remove(id: string): void {
    const old = this.#sources.get(id);
    if (!old) return;
    this.#index.remove(old.passages.map((p) => p.id));
    for (const p of old.passages) this.#passages[p.id] = undefined;
    this.#sources.delete(id);
    this.#version++;
  }

  has(id: string): boolean {
    return this.#sources.has(id);
  }

  source(id: string): IndexedSource | undefined {
    return this.#sources.get(id);
  }

  sources(): IndexedSource[] {
    return [...this.#sources.values()];
  }

  passage(id: number): Passage | undefined {
    return this.#passages[id];
  }

  /** The passage after `p` in the same source, if any. */
  next(p: Passage): Passage | undefined {
    return this.#sources.get(p.sourceId)?.passages[p.ordinal + 1];
  }

  previous(p: Passage): Passage | undefined {
    return p.ordinal > 0 ? this.#sources.get(p.sourceId)?.passages[p.ordinal - 1] : undefined;
  }

  idf(key: string): number {
    return this.#index.idf(key);
  }

  df(key: string): number {
    return this.#index.df(key);
  }

  /** BM25 search, optionally restricted to some sources. */
  search(keys: readonly string[], limit: number, onlySources?: ReadonlySet<string>): Array<Hit & { passageRef: Passage }> {
    const filter = onlySources ? (id: number) => onlySources.has(this.#passages[id]?.sourceId ?? '') : undefined;
    return this.#index
      .search(keys, { limit, filter, maxTerms: 24 })
      .map((h) => ({ ...h, passageRef: this.#passages[h.passage]! }));
  }
}
