import type { Passage, SourceDocument } from './types';
import { passagesOf } from './sources/passages';
import { Bm25Index, type Bm25Snapshot, type Hit } from './retrieval/bm25';
import { indexedKeys, isIndexed, type Token } from './text/tokens';
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
  for (const t of tokens) if (isIndexed(t)) keys.push(t.key);
  return keys;
}

/** A corpus as plain JSON data: sources with their passages and the retrieval index. */
export interface CorpusSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** Per source: its document and its passages as flat `[id, start, end, ...]`. */
  sources: Array<{ doc: SourceDocument; passages: number[] }>;
  index: Bm25Snapshot;
}

/** Changes whenever the snapshot layout changes; older snapshots are refused. */
const SNAPSHOT_FORMAT = 1;

/**
 * The sources of a workspace, split into passages and indexed for retrieval.
 * Sources can be added, replaced and removed one at a time; `version` changes on every change so
 * callers can cache results per corpus version.
 */
export class Corpus {
  readonly #sources = new Map<string, IndexedSource>();
  readonly #passages: Array<Passage | undefined> = [];
  #index = new Bm25Index();
  /** Citation keys that name a source by another id (bibliography keys). */
  readonly #aliases = new Map<string, string>();
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
      this.#index.add(p.id, indexedKeys(p.text));
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

  /**
   * Makes citation key `key` name source `sourceId` (a bibliography entry); without `sourceId` the
   * alias is removed. A source's own id always wins over an alias of the same name.
   */
  alias(key: string, sourceId?: string): void {
    if (sourceId === undefined ? !this.#aliases.delete(key) : this.#aliases.get(key) === sourceId) return;
    if (sourceId !== undefined) this.#aliases.set(key, sourceId);
    this.#version++;
  }

  /** Removes every alias. */
  clearAliases(): void {
    if (this.#aliases.size === 0) return;
    this.#aliases.clear();
    this.#version++;
  }

  /** The source id a citation key names: the id itself, or the source it is an alias of. */
  resolve(id: string): string {
    return this.#sources.has(id) ? id : (this.#aliases.get(id) ?? id);
  }

  has(id: string): boolean {
    return this.#sources.has(this.resolve(id));
  }

  source(id: string): IndexedSource | undefined {
    return this.#sources.get(this.resolve(id));
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
    const only = onlySources && this.#aliases.size > 0 ? new Set([...onlySources].map((k) => this.resolve(k))) : onlySources;
    const filter = only ? (id: number) => only.has(this.#passages[id]?.sourceId ?? '') : undefined;
    return this.#index
      .search(keys, { limit, filter, maxTerms: 24 })
      .map((h) => ({ ...h, passageRef: this.#passages[h.passage]! }));
  }

  /** The corpus as JSON data, passage ids renumbered densely. Aliases are not part of it. */
  toSnapshot(): CorpusSnapshot {
    const renumber = new Map<number, number>();
    const sources: CorpusSnapshot['sources'] = [];
    for (const { doc, passages } of this.#sources.values()) {
      const flat: number[] = [];
      for (const p of passages) {
        const id = renumber.size;
        renumber.set(p.id, id);
        flat.push(id, p.start, p.end);
      }
      sources.push({ doc, passages: flat });
    }
    const index = this.#index.toSnapshot();
    const lengths: number[] = new Array(renumber.size).fill(0);
    for (const [old, id] of renumber) lengths[id] = index.lengths[old] ?? 0;
    return {
      format: SNAPSHOT_FORMAT,
      sources,
      index: { terms: index.terms, postings: index.postings.map(([ids, tfs]) => [ids.map((i) => renumber.get(i)!), tfs]), lengths, deleted: [] },
    };
  }

  /**
   * A corpus from a snapshot, without splitting or indexing any text again. Throws on a snapshot
   * of another format or one whose passages do not fit its texts.
   */
  static fromSnapshot(s: CorpusSnapshot): Corpus {
    if (!s || s.format !== SNAPSHOT_FORMAT || !Array.isArray(s.sources) || !s.index) throw new Error('not a corpus snapshot of this version');
    const corpus = new Corpus();
    for (const { doc, passages: flat } of s.sources) {
      if (!doc || typeof doc.id !== 'string' || typeof doc.text !== 'string' || !Array.isArray(flat) || flat.length % 3 !== 0) throw new Error('malformed source in snapshot');
      const passages: Passage[] = [];
      for (let i = 0; i < flat.length; i += 3) {
        const [id, start, end] = [flat[i], flat[i + 1], flat[i + 2]];
        if (!(Number.isInteger(id) && id >= 0 && start >= 0 && end >= start && end <= doc.text.length)) throw new Error(`malformed passage in snapshot of ${doc.id}`);
        const p: Passage = { id, sourceId: doc.id, ordinal: passages.length, start, end, text: doc.text.slice(start, end) };
        passages.push(p);
        corpus.#passages[id] = p;
      }
      corpus.#sources.set(doc.id, { doc, passages, lines: new LineIndex(doc.text) });
    }
    const { terms, postings, lengths } = s.index;
    if (!Array.isArray(terms) || !Array.isArray(postings) || terms.length !== postings.length || !Array.isArray(lengths) || lengths.length !== corpus.#passages.length) {
      throw new Error('malformed index in snapshot');
    }
    corpus.#index = Bm25Index.fromSnapshot(s.index);
    corpus.#version++;
    return corpus;
  }
}
