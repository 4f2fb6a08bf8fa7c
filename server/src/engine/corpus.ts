import type { Passage, SourceDocument, SourceMeta } from './types';
import { passageSpans } from './sources/passages';
import { Bm25Index, type Bm25Snapshot, type Hit, type PackedIndex } from './retrieval/bm25';
import { forgetWordForms, indexedForms, isIndexed, type Token, type WordForm } from './text/tokens';
import { LineIndex } from './text/lineIndex';
import { TextStore, type PackedTexts } from './textStore';
import { freeNow, grownU32, resizedU32 } from './buffers';

/** What the engine keeps of one source. */
export interface IndexedSource {
  doc: SourceDocument;
  /** The source's passages (built on demand: prefer `passageCount` for the count). */
  passages: Passage[];
  passageCount: number;
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

/** Changes whenever the packed layout changes (a persisted index of another format is rebuilt). */
export const PACKED_FORMAT = 4;

/** What a source is apart from its text (which the text store keeps). */
export interface SourceHeader {
  id: string;
  path: string;
  meta: SourceMeta;
  pageStarts?: number[];
}

/**
 * A corpus as typed arrays plus a few plain objects: what `pack` gives and `fromPacked` takes.
 * It crosses threads without copying (its buffers are transferred) and is written to disk as is
 * (see packedFile.ts). Slots number the sources; passage ids index the passage arrays.
 */
export interface PackedCorpus {
  format: typeof PACKED_FORMAT;
  /** Per slot: the source, or null for a slot whose source was removed. */
  sources: Array<SourceHeader | null>;
  /** Per slot: first passage id and number of passages. */
  firstPassage: Uint32Array;
  passageCount: Uint32Array;
  texts: PackedTexts;
  /** Per passage id: offsets in its source's text. */
  passageStart: Uint32Array;
  passageEnd: Uint32Array;
  index: PackedIndex;
}

/** A source's document as the corpus hands it out: its text is decoded from the store on demand. */
class StoredDocument implements SourceDocument {
  readonly id: string;
  path: string;
  readonly meta: SourceMeta;
  readonly pageStarts?: number[];

  constructor(
    header: SourceHeader,
    private readonly store: TextStore,
    private readonly slot: number,
  ) {
    this.id = header.id;
    this.path = header.path;
    this.meta = header.meta;
    if (header.pageStarts) this.pageStarts = header.pageStarts;
  }

  get text(): string {
    return this.store.get(this.slot);
  }

  toJSON(): SourceDocument {
    return { id: this.id, path: this.path, text: this.text, meta: this.meta, ...(this.pageStarts ? { pageStarts: this.pageStarts } : {}) };
  }
}

/** One source of the corpus. The object stays the same while the source is in the corpus. */
class SourceRecord implements IndexedSource {
  readonly doc: StoredDocument;
  #lines: LineIndex | undefined;

  constructor(
    private readonly corpus: Corpus,
    readonly slot: number,
    readonly header: SourceHeader,
    store: TextStore,
    readonly firstPassage: number,
    readonly passageCount: number,
  ) {
    this.doc = new StoredDocument(header, store, slot);
  }

  get passages(): Passage[] {
    const out: Passage[] = [];
    for (let i = 0; i < this.passageCount; i++) out.push(this.corpus.passage(this.firstPassage + i, false)!);
    return out;
  }

  get lines(): LineIndex {
    return (this.#lines ??= new LineIndex(this.doc.text));
  }
}

/** A passage of the corpus: offsets into its source's text, the text itself on demand. */
class StoredPassage implements Passage {
  constructor(
    private readonly source: SourceRecord,
    readonly id: number,
    readonly ordinal: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get sourceId(): string {
    return this.source.header.id;
  }

  get text(): string {
    return this.source.doc.text.slice(this.start, this.end);
  }

  toJSON(): Passage {
    return { id: this.id, sourceId: this.sourceId, ordinal: this.ordinal, start: this.start, end: this.end, text: this.text };
  }
}

/**
 * Passage objects handed out recently, by id. Callers cache facts per passage object, so the
 * same id must give the same object while it is in use; two generations bound how many stay
 * alive (and with them the facts cached for them).
 */
class PassageCache {
  #young = new Map<number, StoredPassage>();
  #old = new Map<number, StoredPassage>();

  constructor(private readonly generation: number) {}

  get(id: number): StoredPassage | undefined {
    const p = this.#young.get(id);
    if (p) return p;
    const q = this.#old.get(id);
    if (q) this.#set(id, q);
    return q;
  }

  set(id: number, p: StoredPassage): void {
    this.#set(id, p);
  }

  #set(id: number, p: StoredPassage): void {
    this.#young.set(id, p);
    if (this.#young.size >= this.generation) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }

  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }
}

/**
 * What the corpus keeps of a document besides its text. The strings are copied: a title or an id
 * cut out of the text by a reader would otherwise keep the whole text alive (V8 keeps a
 * substring as a pointer into its parent), and texts are meant to live in the text store only.
 */
function headerOf(doc: SourceDocument): SourceHeader {
  return JSON.parse(JSON.stringify({ id: doc.id, path: doc.path, meta: doc.meta, ...(doc.pageStarts ? { pageStarts: doc.pageStarts } : {}) })) as SourceHeader;
}

/** Scratch array of the forms of one passage's indexed words. */
const FORMS: WordForm[] = [];

/**
 * The sources of a workspace, split into passages and indexed for retrieval.
 * Sources can be added, replaced and removed one at a time; `version` changes on every change so
 * callers can cache results per corpus version.
 *
 * Memory (see the README's benchmark): texts are kept as UTF-8 in a few large buffers and decoded
 * on demand (a small cache keeps the recently used ones as strings); passages are three typed
 * arrays, and a passage object exists only while it is in use.
 */
export class Corpus {
  /** Passage objects kept per generation (at most twice this many are alive). */
  static passageCacheGeneration = 1024;

  readonly #sources = new Map<string, SourceRecord>();
  /** Per slot: the record (undefined once removed). */
  #slots: Array<SourceRecord | undefined> = [];
  #texts = new TextStore();
  #passageStart: Uint32Array = new Uint32Array(1024);
  #passageEnd: Uint32Array = new Uint32Array(1024);
  /**
   * Per slot: its first passage id and number of passages (a removed slot keeps its range). Slots
   * take passage ids in order, so a passage's slot is found by binary search: a per-passage slot
   * array cost 4.4 MB at 10,000 documents, and twice that while indexing.
   */
  #slotFirst: number[] = [];
  #slotCount: number[] = [];
  #index = new Bm25Index();
  readonly #passageCache = new PassageCache(Corpus.passageCacheGeneration);
  /** Citation keys that name a source by another id (bibliography keys). */
  readonly #aliases = new Map<string, string>();
  #version = 0;

  constructor(docs: Iterable<SourceDocument> = []) {
    for (const d of docs) this.upsert(d);
  }

  get version(): number {
    return this.#version;
  }

  /**
   * The object that holds the texts: every object that can read a text (a passage, a document)
   * keeps it alive, so a resource the texts live in (their spill file) must last as long as it.
   */
  get textHolder(): object {
    return this.#texts;
  }

  get passageCount(): number {
    return this.#index.size;
  }

  get size(): number {
    return this.#sources.size;
  }

  upsert(doc: SourceDocument): void {
    this.remove(doc.id);
    const text = doc.text;
    const spans = passageSpans(text);
    const first = this.#index.idCount;
    const n = spans.length / 2;
    this.#reservePassages(first + n);
    const slot = this.#slots.length;
    for (let i = 0; i < n; i++) {
      const start = spans[2 * i];
      const end = spans[2 * i + 1];
      const id = first + i;
      this.#passageStart[id] = start;
      this.#passageEnd[id] = end;
      const m = indexedForms(text, start, end, FORMS);
      this.#index.addForms(id, FORMS, m);
    }
    this.#texts.put(slot, text);
    const header = headerOf(doc);
    const record = new SourceRecord(this, slot, header, this.#texts, first, n);
    this.#pushSlot(record, first, n);
    this.#sources.set(doc.id, record);
    this.#version++;
  }

  /** Adds the next slot: a source, or none (undefined) over passages that belong to no source. */
  #pushSlot(record: SourceRecord | undefined, first: number, count: number): void {
    this.#slots.push(record);
    this.#slotFirst.push(first);
    this.#slotCount.push(count);
  }

  /** Where the passages of the next slot may start: after those of every slot so far. */
  #slotsEnd(): number {
    const n = this.#slotFirst.length;
    return n === 0 ? 0 : this.#slotFirst[n - 1] + this.#slotCount[n - 1];
  }

  /** The slot whose passages include passage `id`, or -1. */
  #slotOf(id: number): number {
    const first = this.#slotFirst;
    let lo = 0;
    let hi = first.length;
    // The last slot whose first passage is at or before `id` (empty slots before it share its first).
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (first[mid] <= id) lo = mid + 1;
      else hi = mid;
    }
    const s = lo - 1;
    return s >= 0 && id < first[s] + this.#slotCount[s] ? s : -1;
  }

  /** Room for `n` passages: by doubling, or `exact`ly (a bulk load that knows its size). */
  #reservePassages(n: number, exact = false): void {
    if (n <= this.#passageStart.length) return;
    const grow = (a: Uint32Array) => (exact ? resizedU32(a, n + 1024) : grownU32(a, n));
    this.#passageStart = grow(this.#passageStart);
    this.#passageEnd = grow(this.#passageEnd);
  }

  /** Passage arrays cut to the passages there are (after a bulk load: they grew by doubling). */
  #fitPassages(): void {
    const n = this.#index.idCount;
    if (this.#passageStart.length <= n + (n >> 3) + 1024) return;
    this.#passageStart = resizedU32(this.#passageStart, n + 1024);
    this.#passageEnd = resizedU32(this.#passageEnd, n + 1024);
  }

  remove(id: string): void {
    const old = this.#sources.get(id);
    if (!old) return;
    const ids: number[] = [];
    for (let i = 0; i < old.passageCount; i++) ids.push(old.firstPassage + i);
    this.#index.remove(ids);
    this.#texts.remove(old.slot);
    this.#slots[old.slot] = undefined;
    this.#sources.delete(id);
    this.#passageCache.clear();
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
    return this.#sources.get(id) ?? this.#sources.get(this.#aliases.get(id) ?? id);
  }

  sources(): IndexedSource[] {
    return [...this.#sources.values()];
  }

  /**
   * The passage with id `id`. The same object comes back while it is in recent use, so callers
   * may cache per passage object; `cached: false` builds a throwaway object.
   */
  passage(id: number, cached = true): Passage | undefined {
    if (!(id >= 0 && id < this.#index.idCount)) return undefined;
    if (cached) {
      const p = this.#passageCache.get(id);
      if (p) return p;
    }
    const slot = this.#slotOf(id);
    const record = slot >= 0 ? this.#slots[slot] : undefined;
    if (!record) return undefined;
    const p = new StoredPassage(record, id, id - record.firstPassage, this.#passageStart[id], this.#passageEnd[id]);
    if (cached) this.#passageCache.set(id, p);
    return p;
  }

  /** The passage after `p` in the same source, if any. */
  next(p: Passage): Passage | undefined {
    const record = this.#sources.get(p.sourceId);
    return record && p.ordinal + 1 < record.passageCount ? this.passage(record.firstPassage + p.ordinal + 1) : undefined;
  }

  previous(p: Passage): Passage | undefined {
    const record = this.#sources.get(p.sourceId);
    return record && p.ordinal > 0 && p.ordinal <= record.passageCount ? this.passage(record.firstPassage + p.ordinal - 1) : undefined;
  }

  idf(key: string): number {
    return this.#index.idf(key);
  }

  df(key: string): number {
    return this.#index.df(key);
  }

  /** BM25 search, optionally restricted to some sources. */
  search(keys: readonly string[], limit: number, onlySources?: ReadonlySet<string>): Array<Hit & { passageRef: Passage }> {
    let filter: ((id: number) => boolean) | undefined;
    if (onlySources) {
      const slots = new Set<number>();
      for (const k of onlySources) {
        const record = this.#sources.get(this.#aliases.size > 0 ? this.resolve(k) : k);
        if (record) slots.add(record.slot);
      }
      filter = (id: number) => slots.has(this.#slotOf(id));
    }
    return this.#index.search(keys, { limit, filter, maxTerms: 24 }).map((h) => ({ ...h, passageRef: this.passage(h.passage)! }));
  }

  /**
   * Gives back the room left by growing, and the tokenizer's table of the words met while
   * indexing (call after adding many sources at once).
   */
  shrink(): void {
    forgetWordForms();
    this.#index.shrink();
    this.#fitPassages();
  }

  /** Bytes held by the texts, passages and index (for measurements). */
  get byteSize(): number {
    const s = this.byteSizes;
    return s.texts + s.passages + s.index;
  }

  get byteSizes(): { texts: number; passages: number; index: number } {
    return { texts: this.#texts.byteSize, passages: this.#passageStart.byteLength * 2 + this.#slotFirst.length * 16, index: this.#index.byteSize };
  }

  /** The corpus as JSON data, passage ids renumbered densely. Aliases are not part of it. */
  toSnapshot(): CorpusSnapshot {
    const renumber = new Map<number, number>();
    const sources: CorpusSnapshot['sources'] = [];
    for (const record of this.#sources.values()) {
      const flat: number[] = [];
      for (let i = 0; i < record.passageCount; i++) {
        const old = record.firstPassage + i;
        const id = renumber.size;
        renumber.set(old, id);
        flat.push(id, this.#passageStart[old], this.#passageEnd[old]);
      }
      sources.push({ doc: record.doc.toJSON(), passages: flat });
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
    let total = 0;
    for (const { doc, passages: flat } of s.sources) {
      if (!doc || typeof doc.id !== 'string' || typeof doc.text !== 'string' || !Array.isArray(flat) || flat.length % 3 !== 0) throw new Error('malformed source in snapshot');
      total += flat.length / 3;
    }
    const { terms, postings, lengths } = s.index;
    if (!Array.isArray(terms) || !Array.isArray(postings) || terms.length !== postings.length || !Array.isArray(lengths) || lengths.length !== total) {
      throw new Error('malformed index in snapshot');
    }
    corpus.#reservePassages(total);
    for (const { doc, passages: flat } of s.sources) {
      const slot = corpus.#slots.length;
      let first = -1;
      for (let i = 0; i < flat.length; i += 3) {
        const [id, start, end] = [flat[i], flat[i + 1], flat[i + 2]];
        if (!(Number.isInteger(id) && id >= 0 && id < total && start >= 0 && end >= start && end <= doc.text.length)) throw new Error(`malformed passage in snapshot of ${doc.id}`);
        if (first < 0) first = id;
        else if (id !== first + i / 3) throw new Error(`malformed passage in snapshot of ${doc.id}`);
        corpus.#passageStart[id] = start;
        corpus.#passageEnd[id] = end;
      }
      corpus.#texts.put(slot, doc.text);
      const header = headerOf(doc);
      const start = first >= 0 ? first : corpus.#slotsEnd();
      if (start < corpus.#slotsEnd()) throw new Error(`malformed passages in snapshot of ${doc.id}`);
      const record = new SourceRecord(corpus, slot, header, corpus.#texts, start, flat.length / 3);
      corpus.#pushSlot(record, start, flat.length / 3);
      corpus.#sources.set(doc.id, record);
    }
    corpus.#index = Bm25Index.fromSnapshot(s.index);
    corpus.#version++;
    return corpus;
  }

  /**
   * The corpus as typed arrays. With `compact` (for a file) removed sources and passages leave
   * no trace in the texts and the index; without, the arrays are shared with this corpus (for
   * handing it to another thread, after which this corpus must not be used).
   */
  pack(compact = false): PackedCorpus {
    const n = this.#slots.length;
    const firstPassage = new Uint32Array(n);
    const passageCount = new Uint32Array(n);
    const sources: PackedCorpus['sources'] = [];
    for (let slot = 0; slot < n; slot++) {
      const r = this.#slots[slot];
      sources.push(r ? r.header : null);
      if (r) {
        firstPassage[slot] = r.firstPassage;
        passageCount[slot] = r.passageCount;
      }
    }
    const ids = this.#index.idCount;
    return {
      format: PACKED_FORMAT,
      sources,
      firstPassage,
      passageCount,
      texts: this.#texts.pack(n, compact),
      passageStart: compact ? this.#passageStart.slice(0, ids) : this.#passageStart.subarray(0, ids),
      passageEnd: compact ? this.#passageEnd.slice(0, ids) : this.#passageEnd.subarray(0, ids),
      index: this.#index.pack(compact),
    };
  }

  /** A corpus over the arrays of `pack` (taken over, not copied). Throws on malformed data. */
  static fromPacked(p: PackedCorpus): Corpus {
    if (!p || p.format !== PACKED_FORMAT || !Array.isArray(p.sources)) throw new Error('not a packed corpus of this version');
    const corpus = new Corpus();
    corpus.#absorb([p], true);
    return corpus;
  }

  /**
   * Adds the sources of another packed corpus (a shard built in parallel) after this corpus's
   * own, keeping their order. Sources whose id is already taken are skipped.
   */
  absorb(p: PackedCorpus): SourceHeader[] {
    return this.absorbAll([p]);
  }

  /**
   * Adds the sources of packed corpora (shards built in parallel), in order, after this corpus's
   * own, and leaves the passages and the index sized to what they hold (as `shrink` does).
   * Sources whose id is already taken are skipped. With `consume`, the parts are used up: what is
   * copied out of them is freed at once (their texts are taken over, not copied); only for parts
   * that nothing else holds, like the shards a worker thread sent.
   */
  absorbAll(parts: readonly PackedCorpus[], options: { consume?: boolean } = {}): SourceHeader[] {
    for (const p of parts) if (!p || p.format !== PACKED_FORMAT || !Array.isArray(p.sources)) throw new Error('not a packed corpus of this version');
    const skipped = this.#absorb(parts, false);
    if (options.consume) for (const p of parts) freeNow(...consumedBuffers(p));
    return skipped;
  }

  /** Returns the sources skipped because their id was taken. `fresh`: one part, into an empty corpus. */
  #absorb(parts: readonly PackedCorpus[], fresh: boolean): SourceHeader[] {
    const bases: number[] = [];
    let end = fresh ? 0 : this.#index.idCount;
    for (const p of parts) {
      const slots = p.sources.length;
      const ids = p.passageStart.length;
      if (p.firstPassage.length !== slots || p.passageCount.length !== slots || p.passageEnd.length !== ids || p.index.lengths.length !== ids) {
        throw new Error('malformed packed corpus');
      }
      bases.push(end);
      end += ids;
    }
    this.#reservePassages(end, true);
    const skipped: number[] = [];
    const skippedSources: SourceHeader[] = [];
    parts.forEach((p, k) => {
      const idBase = bases[k];
      const slots = p.sources.length;
      const ids = p.passageStart.length;
      const slotBase = this.#slots.length;
      const textSlots = this.#texts.absorb(p.texts, slotBase);
      if (textSlots !== slots) throw new Error('malformed packed corpus: texts');
      this.#passageStart.set(p.passageStart, idBase);
      this.#passageEnd.set(p.passageEnd, idBase);
      for (let slot = 0; slot < slots; slot++) {
        const header = p.sources[slot];
        const first = p.firstPassage[slot];
        const count = p.passageCount[slot];
        if (!header) {
          // A removed slot: it owns no passages.
          this.#texts.remove(slotBase + slot);
          this.#pushSlot(undefined, this.#slotsEnd(), 0);
          continue;
        }
        // Sources own consecutive runs of passages, in slot order.
        if (typeof header.id !== 'string' || first + count > ids || idBase + first < this.#slotsEnd()) throw new Error('malformed packed corpus: sources');
        if (this.#sources.has(header.id)) {
          // An id another source already has (the first one wins).
          for (let i = 0; i < count; i++) skipped.push(idBase + first + i);
          skippedSources.push(header);
          this.#texts.remove(slotBase + slot);
          this.#pushSlot(undefined, idBase + first, count);
          continue;
        }
        const textLength = this.#texts.length(slotBase + slot);
        for (let i = first; i < first + count; i++) {
          if (p.passageEnd[i] < p.passageStart[i] || p.passageEnd[i] > textLength) throw new Error(`malformed packed corpus: passages of ${header.id}`);
        }
        const record = new SourceRecord(this, slotBase + slot, header, this.#texts, idBase + first, count);
        this.#pushSlot(record, idBase + first, count);
        this.#sources.set(header.id, record);
      }
    });
    if (fresh) this.#index = Bm25Index.fromPacked(parts[0].index);
    else this.#index.appendAll(
      parts.map((p) => p.index),
      bases,
    );
    this.#fitPassages();
    if (skipped.length > 0) {
      // Leave no trace of the skipped sources, as if they had never been added.
      this.#index.remove(skipped);
      this.#index.compact();
    }
    this.#passageCache.clear();
    this.#version++;
    return skippedSources;
  }
}

/** The buffers of a packed corpus that absorbing it copies (all but the text chunks). */
function consumedBuffers(p: PackedCorpus): ArrayBuffer[] {
  const t = p.texts;
  const i = p.index;
  return [p.firstPassage, p.passageCount, t.chunk, t.offset, t.bytes, t.chars, t.kind, p.passageStart, p.passageEnd, i.block, i.offset, i.bytes, i.count, i.last, i.lengths, ...i.blocks]
    .map((a) => a.buffer)
    .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
