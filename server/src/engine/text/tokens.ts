/**
 * Word tokens with offsets, and the normal form used to compare words across texts:
 * lower case, no diacritics, British/American spelling folded, a light suffix stemmer, and
 * general-English synonym groups mapped to one key.
 */
import { detached } from './detached';

export interface Token {
  /** The word as written. */
  text: string;
  start: number;
  end: number;
  /** Lower-cased, diacritics removed, apostrophes straightened. */
  lower: string;
  /** Comparison key: stemmed and mapped through the synonym groups. */
  key: string;
  /** Starts with a capital letter. */
  capitalized: boolean;
}

// Words are what /[\p{L}\p{N}]+(?:[.'\u2019][\p{L}\p{N}]+)*/gu matches (see the scanner below):
// hyphenated compounds are split ("build-up" = "build up"); inner dots and apostrophes stay ("U.S.", "don't").

export function fold(s: string): string {
  // ASCII has no diacritics and no curly apostrophes: lower-casing is all folding does to it.
  if (isAscii(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase();
}

export const STOPWORDS = new Set(
  (
    'a an the and or but nor of to in on at by for with from into onto over under about as than then so if ' +
    'is are was were be been being am do does did done have has had having will would shall should can could may might must ' +
    'it its this that these those there here their them they he she him his her hers we us our you your i me my ' +
    'who whom whose which what when where why how not no also just only very more most less least much many such ' +
    'some any all each every both either neither other another same own s t up down out off again further once ' +
    'while during before after above below between through against among per via since until upon within without ' +
    'said says say saying told tells according reported reports report stated states stating claims claimed ' +
    'would said yet still already now even too well fewer less least greater nearly almost around roughly approximately ' +
    'far besides along alongside rather though although despite meanwhile instead whether whose likewise moreover ' +
    'let lets make makes made take takes took keep keeps kept want wants wanted mean means meant get gets got go goes went ' +
    'come comes came put puts give gives gave seem seems seemed suggest suggests suggested include includes included including ' +
    'become becomes became'
  ).split(/\s+/),
);

/**
 * Groups of general-English words that news prose uses interchangeably. Each group maps to its
 * first member's stem. These are general vocabulary, not terms of any corpus.
 */
const SYNONYM_GROUPS: string[][] = [
  ['kill', 'killed', 'killing', 'dead', 'death', 'deaths', 'die', 'died', 'dying', 'fatalities', 'fatality', 'casualties', 'casualty', 'toll', 'deadly', 'lives'],
  ['people', 'persons', 'person', 'individuals', 'individual', 'civilians', 'civilian'],
  ['boat', 'boats', 'vessel', 'vessels', 'ship', 'ships'],
  ['strike', 'strikes', 'attack', 'attacks', 'attacked', 'attacking', 'raid', 'raids', 'bombing', 'bombings', 'strikes'],
  ['ask', 'asked', 'asking', 'request', 'requested', 'requesting', 'requests', 'appeal', 'appealed', 'seek', 'sought', 'seeking', 'urge', 'urged', 'plea'],
  ['send', 'sent', 'sending', 'dispatch', 'dispatched', 'ship', 'shipped', 'deliver', 'delivered'],
  ['letter', 'letters'],
  ['begin', 'began', 'begun', 'start', 'started', 'starting', 'launch', 'launched', 'commence', 'commenced'],
  ['plan', 'plans', 'planned', 'planning', 'intend', 'intended', 'intention'],
  ['say', 'said', 'tell', 'told', 'declare', 'declared', 'announce', 'announced', 'describe', 'described', 'call', 'called', 'brand', 'branded', 'label', 'labelled', 'labeled'],
  ['country', 'nation', 'countries', 'nations'],
  ['agreement', 'agreements', 'pact', 'pacts', 'accord', 'accords', 'deal', 'deals', 'treaty'],
  ['weapon', 'weapons', 'arms', 'armament'],
  ['troop', 'troops', 'soldier', 'soldiers', 'forces', 'force'],
  ['rise', 'rose', 'risen', 'increase', 'increased', 'grow', 'grew', 'grown', 'climb', 'climbed', 'gain', 'gained', 'jump', 'jumped'],
  ['fall', 'fell', 'fallen', 'decrease', 'decreased', 'decline', 'declined', 'drop', 'dropped', 'slump', 'slumped'],
  ['buy', 'bought', 'purchase', 'purchased', 'acquire', 'acquired', 'acquisition'],
  ['job', 'jobs', 'post', 'posts', 'position', 'positions', 'role', 'roles'],
  ['cut', 'cuts', 'cutting', 'reduce', 'reduced', 'reduction', 'slash', 'slashed'],
  ['company', 'firm', 'group', 'business'],
  ['chief', 'head', 'leader', 'boss'],
  ['revenue', 'revenues', 'sales', 'turnover'],
  ['profit', 'profits', 'earnings'],
  ['help', 'aid', 'assistance', 'support', 'supports', 'supported', 'assist', 'assisted'],
  ['big', 'large', 'larger', 'largest', 'major', 'huge', 'vast', 'massive'],
  ['mobilization', 'mobilisation', 'mobilize', 'mobilise', 'mobilized', 'mobilised', 'mobilizes', 'mobilises', 'mobilizing', 'mobilising'],
  ['praise', 'praised', 'hail', 'hailed', 'laud', 'lauded', 'welcome', 'welcomed'],
  ['hit', 'target', 'targeted', 'targets', 'targeting'],
  ['defence', 'defense', 'defences', 'defenses'],
  ['near', 'close', 'nearby'],
  ['order', 'ordered', 'directive', 'decree', 'decreed'],
  ['publish', 'published', 'print', 'printed'],
  ['meet', 'met', 'meeting', 'talks', 'negotiations', 'negotiation', 'negotiate', 'negotiated'],
  ['warn', 'warned', 'warning', 'caution', 'cautioned'],
  ['remain', 'remains', 'remained', 'stay', 'stays', 'stayed'],
  ['disputed', 'controversial', 'contested'],
  ['election', 'elections', 'electoral', 'vote', 'votes', 'poll', 'polls', 'ballot'],
  ['first', 'opening', 'initial', 'inaugural', 'maiden'],
  ['latest', 'recent', 'newest', 'most recent'],
  ['value', 'valued', 'worth'],
  ['drug', 'drugs', 'narcotic', 'narcotics', 'cocaine'],
];

const SYNONYMS = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const head = stemRaw(group[0]);
  for (const w of group) if (!SYNONYMS.has(w)) SYNONYMS.set(w, head);
}

/** British → American spellings, applied before stemming so both forms share a key. */
function americanize(w: string): string {
  return w
    .replace(/is(e|ed|es|ing|ation|ations|er|ers)$/, 'iz$1')
    .replace(/yse(d|s)?$/, 'yze$1')
    .replace(/ence$/, 'ense')
    .replace(/our(s|ed|ing)?$/, (m, g) => (w.length > 5 ? 'or' + (g ?? '') : m))
    .replace(/tre$/, 'ter');
}

/** A light suffix stemmer: enough to equate inflections, never aggressive on short words. */
function stemRaw(word: string): string {
  let w = americanize(word);
  if (w.length <= 3) return w;
  const rules: Array<[RegExp, string]> = [
    [/ations?$/, 'at'],
    [/ments?$/, ''],
    [/ies$/, 'i'],
    [/ied$/, 'i'],
    [/ings?$/, ''],
    [/edly$/, ''],
    [/ed$/, ''],
    [/ly$/, ''],
    [/sses$/, 'ss'],
    [/([^su])s$/, '$1'],
    [/es$/, 'e'],
  ];
  for (const [re, rep] of rules) {
    if (re.test(w)) {
      const next = w.replace(re, rep);
      if (next.length >= 3) {
        w = next;
        break;
      }
    }
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  // Equate nouns in -ation with their verbs: "retaliation"/"retaliate", "mobilization"/"mobilize".
  w = w.replace(/izat$/, 'iz').replace(/ificat$/, 'ifi');
  if (w.length > 6 && w.endsWith('at')) w = w.slice(0, -2);
  if (w.length > 4 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = w.slice(0, -1) + 'i';
  return w;
}

const keyCache = new Map<string, string>();

/** The comparison key of a lower-cased word, without caching it. */
function keyOf(lower: string): string {
  return SYNONYMS.get(lower) ?? stemRaw(lower);
}

/** The comparison key of a lower-cased word. */
export function wordKey(lower: string): string {
  let k = keyCache.get(lower);
  if (k === undefined) {
    k = keyOf(lower);
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(lower, k);
  }
  return k;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}


/**
 * What a written word (possessive removed) becomes. A pure function of the word, so it is cached:
 * folding and stemming every occurrence was most of the indexing time.
 */
export interface WordForm {
  /** The word as written. */
  word: string;
  lower: string;
  key: string;
  capitalized: boolean;
  /** isIndexed() of its token. */
  indexed: boolean;
  /** The term number of `key` in the index that last asked (see Bm25Index.addForms). */
  termOwner?: object;
  termId?: number;
}

function makeForm(word: string): WordForm {
  const lower = fold(word);
  const c0 = word.charCodeAt(0);
  const token: Token = {
    text: word,
    start: 0,
    end: word.length,
    lower,
    // Not through wordKey's cache: the form caches its key already, and a second table of every
    // word met while indexing cost 3.7 MB a thread.
    key: keyOf(lower),
    capitalized: c0 < 128 ? c0 >= 65 && c0 <= 90 : /^\p{Lu}/u.test(word),
  };
  // Every field in the literal, the index's ones too: fields added later go to a separate
  // property array (81,000 of them, 3.3 MB a thread).
  return { word, lower, key: token.key, capitalized: token.capitalized, indexed: isIndexed(token), termOwner: undefined, termId: -1 };
}

// The forms of the words seen so far, in an open-addressing hash table keyed by the characters
// of the word where it stands in the text: a lookup neither slices the text nor hashes a new
// string (a Map keyed by word cost 250 ns a word when indexing).
// 2^18 slots, 131,072 words, about 15 MB per index thread at 10,000 documents: 2^16 saved 11 MB
// a thread at the peak of indexing but made indexing 10-20% slower (README, benchmark).
const FORM_BITS = 18;
const FORM_SLOTS = 1 << FORM_BITS;
/** Words kept before the table starts over (half the slots, so probes stay short). */
const FORM_LIMIT = FORM_SLOTS >> 1;
const formHash = new Int32Array(FORM_SLOTS);
let formEntries: Array<WordForm | undefined> = new Array(FORM_SLOTS);
let formCount = 0;

/**
 * A small direct-mapped table in front of the big one: a few thousand words (the, said, council)
 * make most of any text, and their entries stay in the processor's cache, where a lookup in the
 * big table costs several cache misses (it was a sixth of the indexing time at 10,000 documents).
 */
const NEAR_SLOTS = 4096;
const nearHash = new Int32Array(NEAR_SLOTS);
const nearEntries: Array<WordForm | undefined> = new Array(NEAR_SLOTS);

function sameWord(f: WordForm, text: string, start: number, len: number): boolean {
  const w = f.word;
  if (w.length !== len) return false;
  for (let i = 0; i < len; i++) if (w.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** The form of the word `text.slice(start, end)`. */
function formAt(text: string, start: number, end: number): WordForm {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  const len = end - start;
  const near = h & (NEAR_SLOTS - 1);
  const n = nearEntries[near];
  if (n !== undefined && nearHash[near] === h && sameWord(n, text, start, len)) return n;
  const f = farFormAt(text, start, end, h, len);
  nearEntries[near] = f;
  nearHash[near] = h;
  return f;
}

function farFormAt(text: string, start: number, end: number, h: number, len: number): WordForm {
  let slot = h & (FORM_SLOTS - 1);
  for (;;) {
    const f = formEntries[slot];
    if (f === undefined) break;
    if (formHash[slot] === h && sameWord(f, text, start, len)) return f;
    slot = (slot + 1) & (FORM_SLOTS - 1);
  }
  if (formCount >= FORM_LIMIT) {
    formEntries = new Array(FORM_SLOTS);
    formCount = 0;
    slot = h & (FORM_SLOTS - 1);
  }
  // A copy, not a substring: a substring would keep the whole text alive as long as the table.
  const f = makeForm(detached(text.slice(start, end)));
  formEntries[slot] = f;
  formHash[slot] = h;
  formCount++;
  return f;
}

/**
 * Empties the word tables (they refill as words are met again). After indexing a large corpus
 * they hold some 100,000 words that a check will mostly not meet again: about 15 MB.
 */
export function forgetWordForms(): void {
  formEntries = new Array(FORM_SLOTS);
  formHash.fill(0);
  formCount = 0;
  nearEntries.fill(undefined);
  nearHash.fill(0);
  keyCache.clear();
}

/**
 * Where the next word at or after `i` in `text.slice(.., to)` stands (`start`, and `end` without
 * a possessive) and where scanning goes on (`next`): false when there is none. One scratch
 * result, read before the next call: the scanners below run on every word of every source.
 */
const SPAN = { start: 0, end: 0, next: 0 };
function nextWord(text: string, i: number, to: number): boolean {
  while (i < to) {
    const w = alnumAt(text, i, to);
    if (w === 0) {
      i++;
      continue;
    }
    const next = wordEnd(text, i + w, to);
    SPAN.start = i;
    SPAN.end = possessiveEnd(text, i, next);
    SPAN.next = next;
    return true;
  }
  return false;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  for (let i = from; nextWord(text, i, to); i = SPAN.next) {
    const { start, end } = SPAN;
    const f = formAt(text, start, end);
    out.push({ text: f.word, start, end, lower: f.lower, key: f.key, capitalized: f.capitalized });
  }
  return out;
}

// A scanner that finds exactly what WORD finds in `text.slice(from, to)`, without slicing and
// without running a Unicode regular expression per word (most of the indexing time).

/** Per BMP code unit: 1 if \p{L} or \p{N}, 2 if not, 0 if not looked up yet. */
const ALNUM = new Uint8Array(65536);
const ALNUM_RE = /^[\p{L}\p{N}]$/u;

/** Width (1, or 2 for a surrogate pair) of the letter or digit at `i` (< `to`), or 0. */
function alnumAt(text: string, i: number, to: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  if (c < 0xd800 || c > 0xdfff) {
    let k = ALNUM[c];
    if (k === 0) ALNUM[c] = k = ALNUM_RE.test(String.fromCharCode(c)) ? 1 : 2;
    return k === 1 ? 1 : 0;
  }
  if (c <= 0xdbff && i + 1 < to) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ALNUM_RE.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  return 0;
}

/** The end of the word whose first letters end at `i`: more letters, and `.` `'` `’` between letters. */
function wordEnd(text: string, i: number, to: number): number {
  for (;;) {
    let w: number;
    while (i < to && (w = alnumAt(text, i, to)) > 0) i += w;
    if (i + 1 < to) {
      const c = text.charCodeAt(i);
      if (c === 46 || c === 39 || c === 0x2019) {
        const w2 = alnumAt(text, i + 1, to);
        if (w2 > 0) {
          i += 1 + w2;
          continue;
        }
      }
    }
    return i;
  }
}

/** Possessive "'s" belongs to the name, not to the word: the end without it. */
function possessiveEnd(text: string, start: number, end: number): number {
  if (end - start < 2) return end;
  const last = text.charCodeAt(end - 1);
  const prev = text.charCodeAt(end - 2);
  return (last === 115 || last === 83) && (prev === 39 || prev === 0x2019) ? end - 2 : end;
}

/** Number words and units are compared as figures, not as words. */
const NUMBER_WORDS = new Set(
  ('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen ' +
    'eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million ' +
    'millions billion billions trillion dozen dozens percent cent per bn mn').split(' '),
);

/** Whether a token's key goes into the retrieval index: content words, and numbers so figures help too. */
export function isIndexed(t: Token): boolean {
  return isContent(t) || /^\d/.test(t.lower);
}

/**
 * The keys of the indexed tokens of `text.slice(from, to)`: exactly
 * `tokenize(text, from, to).filter(isIndexed)` keys, without building the tokens (the indexing
 * hot path).
 */
export function indexedKeys(text: string, from = 0, to = text.length): string[] {
  const keys: string[] = [];
  for (let i = from; nextWord(text, i, to); i = SPAN.next) {
    const f = formAt(text, SPAN.start, SPAN.end);
    if (f.indexed) keys.push(f.key);
  }
  return keys;
}

/**
 * The forms of the indexed words of `text.slice(from, to)` into `out` (from index 0); returns
 * how many. `indexedKeys` without building the array of keys, for Bm25Index.addForms.
 */
export function indexedForms(text: string, from: number, to: number, out: WordForm[]): number {
  let n = 0;
  for (let i = from; nextWord(text, i, to); i = SPAN.next) {
    const f = formAt(text, SPAN.start, SPAN.end);
    if (f.indexed) out[n++] = f;
  }
  return n;
}

/** Whether a token carries content (not a stop word, not a figure). */
export function isContent(t: Token): boolean {
  return !STOPWORDS.has(t.lower) && !NUMBER_WORDS.has(t.lower) && !/^\d/.test(t.lower) && t.lower.length > 1;
}
