/**
 * Word tokens with offsets, and the normal form used to compare words across texts:
 * lower case, no diacritics, British/American spelling folded, a light suffix stemmer, and
 * general-English synonym groups mapped to one key.
 */

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

// Hyphenated compounds are split ("build-up" = "build up"); inner dots and apostrophes stay ("U.S.", "don't").
const WORD = /[\p{L}\p{N}]+(?:[.'\u2019][\p{L}\p{N}]+)*/gu;

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

/** The comparison key of a lower-cased word. */
export function wordKey(lower: string): string {
  let k = keyCache.get(lower);
  if (k === undefined) {
    k = SYNONYMS.get(lower) ?? stemRaw(lower);
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(lower, k);
  }
  return k;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Possessive "'s" belongs to the name, not to the word. */
function withoutPossessive(word: string): string {
  const n = word.length;
  if (n < 2) return word;
  const last = word.charCodeAt(n - 1);
  const prev = word.charCodeAt(n - 2);
  return (last === 115 || last === 83) && (prev === 39 || prev === 0x2019) ? word.slice(0, -2) : word;
}

/**
 * What a written word (possessive removed) becomes. A pure function of the word, so it is cached:
 * folding and stemming every occurrence was most of the indexing time.
 */
interface WordForm {
  lower: string;
  key: string;
  capitalized: boolean;
  /** isIndexed() of its token. */
  indexed: boolean;
}

const formCache = new Map<string, WordForm>();

function formOf(word: string): WordForm {
  let f = formCache.get(word);
  if (f === undefined) {
    const lower = fold(word);
    const c0 = word.charCodeAt(0);
    const token: Token = {
      text: word,
      start: 0,
      end: word.length,
      lower,
      key: wordKey(lower),
      capitalized: c0 < 128 ? c0 >= 65 && c0 <= 90 : /^\p{Lu}/u.test(word),
    };
    f = { lower, key: token.key, capitalized: token.capitalized, indexed: isIndexed(token) };
    if (formCache.size >= 100_000) formCache.clear();
    formCache.set(word, f);
  }
  return f;
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    const word = withoutPossessive(m[0]);
    if (!word) continue;
    const f = formOf(word);
    out.push({
      text: word,
      start: from + m.index,
      end: from + m.index + word.length,
      lower: f.lower,
      key: f.key,
      capitalized: f.capitalized,
    });
  }
  return out;
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
 * The keys of the indexed tokens of `text`: exactly `tokenize(text).filter(isIndexed)` keys,
 * without building the tokens (the indexing hot path).
 */
export function indexedKeys(text: string): string[] {
  const keys: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const word = withoutPossessive(m[0]);
    if (!word) continue;
    const f = formOf(word);
    if (f.indexed) keys.push(f.key);
  }
  return keys;
}

/** Whether a token carries content (not a stop word, not a figure). */
export function isContent(t: Token): boolean {
  return !STOPWORDS.has(t.lower) && !NUMBER_WORDS.has(t.lower) && !/^\d/.test(t.lower) && t.lower.length > 1;
}
