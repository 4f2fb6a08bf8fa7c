import countries from 'world-countries';
import { fold, type Token } from '../text/tokens';

/**
 * Named things in text (people, places, organisations, outlets) as capitalised token runs, and
 * general knowledge that relates names: countries with their demonyms, capitals and alternative
 * spellings (from the maintained world-countries package), plus the usual seats-of-power
 * metonyms of news prose ("the Kremlin", "the White House").
 */
export interface EntityMention {
  start: number;
  end: number;
  text: string;
  /** Folded words of the name, e.g. ["nicolas", "maduro"]. */
  words: string[];
  /** ISO 3166 alpha-3 code when the name denotes a country (name, demonym, capital or metonym). */
  country?: string;
}

/** Metonyms of news prose for a country's government. General knowledge, not corpus terms. */
const METONYMS: Record<string, string> = {
  kremlin: 'RUS', 'white house': 'USA', pentagon: 'USA', 'capitol hill': 'USA', 'downing street': 'GBR', whitehall: 'GBR',
  elysee: 'FRA', 'zhongnanhai': 'CHN', 'the hague': 'NLD', 'foggy bottom': 'USA', 'langley': 'USA',
  us: 'USA', 'u.s': 'USA', usa: 'USA', 'u.s.a': 'USA', america: 'USA', american: 'USA', americans: 'USA', uk: 'GBR', 'u.k': 'GBR', britain: 'GBR', british: 'GBR',
};

const COUNTRY_OF = new Map<string, string>();
// UN members first, so a shared demonym names the state ("French" is France, not the French Southern Lands).
for (const c of [...countries].sort((a, b) => Number(b.unMember) - Number(a.unMember))) {
  const add = (s: string | undefined) => {
    if (!s) return;
    const k = fold(s).replace(/\./g, '').trim();
    if (k.length >= 2 && !COUNTRY_OF.has(k)) COUNTRY_OF.set(k, c.cca3);
  };
  add(c.name.common);
  add(c.name.official);
  for (const cap of c.capital ?? []) add(cap.replace(/,.*$/, ''));
  add(c.demonyms?.eng?.m);
  add(c.demonyms?.eng?.f);
  for (const alt of c.altSpellings ?? []) if (alt.length > 3 || /^[A-Z]{3}$/.test(alt)) add(alt);
}
for (const [k, v] of Object.entries(METONYMS)) COUNTRY_OF.set(k.replace(/\./g, ''), v);

/** The country a folded name (one or more words) denotes, if any. */
export function countryOf(name: string): string | undefined {
  const k = fold(name).replace(/\./g, '').replace(/^the\s+/, '').trim();
  return COUNTRY_OF.get(k) ?? COUNTRY_OF.get(k.replace(/s$/, ''));
}

const CONNECTORS = new Set(['of', 'de', 'del', 'la', 'los', 'las', 'le', 'du', 'da', 'van', 'von', 'der', 'al', 'bin', 'and', 'for', 'the']);
/** Capitalised words that are not names by themselves (sentence openers, titles, months, days). */
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'as', 'for', 'if', 'when', 'while', 'after', 'before', 'since', 'but', 'and', 'or',
  'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'his', 'her', 'its', 'their', 'our',
  'what', 'who', 'why', 'how', 'where', 'which', 'some', 'many', 'most', 'no', 'not', 'yet', 'so', 'still', 'however',
  'meanwhile', 'despite', 'although', 'according', 'of', 'from', 'to', 'with', 'by', 'each', 'every', 'all', 'both',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mr', 'mrs', 'ms', 'dr',
  'president', 'senator', 'sen', 'minister', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'chief', 'general', 'gen',
  'officials', 'official', 'analysts', 'critics', 'sources', 'one', 'another', 'other', 'such', 'any', 'then', 'now', 'also',
  'following', 'given', 'until', 'during', 'under', 'over', 'about', 'again', 'here', 'just', 'only', 'even', 'once',
]);

export function extractEntities(tokens: readonly Token[], text: string): EntityMention[] {
  const out: EntityMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t.capitalized || NOT_NAMES.has(t.lower)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length) {
      const gap = text.slice(tokens[j - 1].end, tokens[j].start);
      if (!/^[\s\-]*$/.test(gap) && !/^\.\s*$/.test(gap)) break; // punctuation ends a name, except an initial's dot
      if (tokens[j].capitalized && !NOT_NAMES.has(tokens[j].lower)) j++;
      else if (CONNECTORS.has(tokens[j].lower) && j + 1 < tokens.length && tokens[j + 1].capitalized && /^\s+$/.test(text.slice(tokens[j].end, tokens[j + 1].start))) j += 2;
      else break;
    }
    const words = tokens.slice(i, j).map((x) => x.lower);
    const name = text.slice(t.start, tokens[j - 1].end);
    out.push({ start: t.start, end: tokens[j - 1].end, text: name, words, country: countryOf(name) ?? (words.length === 1 ? undefined : countryOf(words[words.length - 1])) });
    i = j;
  }
  return out;
}

/**
 * Closed classes of mutually exclusive descriptors, each a list of synonym groups: a draft that
 * swaps a word for one of another group of the same class (a "conservative" magazine the sources
 * call "communist", profits that "fell" where sources say they "rose") states an incompatible fact.
 */
export const EXCLUSIVE_CLASSES: string[][][] = [
  [['communist'], ['socialist'], ['conservative'], ['liberal'], ['progressive'], ['centrist'], ['libertarian'], ['nationalist'], ['marxist'], ['leftist', 'left-wing', 'far-left'], ['right-wing', 'far-right'], ['republican', 'republicans'], ['democratic', 'democrat', 'democrats']],
  [['northern', 'north'], ['southern', 'south'], ['eastern', 'east'], ['western', 'west']],
  [['daily'], ['weekly'], ['monthly'], ['quarterly'], ['annual', 'yearly']],
  [['rose', 'rise', 'rises', 'increased', 'grew', 'gained', 'jumped', 'climbed', 'higher', 'heavier', 'up'], ['fell', 'fall', 'falls', 'decreased', 'shrank', 'dropped', 'declined', 'slumped', 'lower', 'lighter', 'down']],
  [['profit', 'profits'], ['loss', 'losses']],
  [['approved', 'passed'], ['rejected', 'vetoed']],
  [['male'], ['female']],
  [['praise', 'praised', 'praises', 'hail', 'hailed', 'hails', 'lauded', 'welcomed', 'applauded'], ['condemn', 'condemned', 'condemns', 'criticised', 'criticized', 'decry', 'decried', 'denounced', 'denounce']],
  [['confirmed', 'confirms'], ['denied', 'denies']],
  [['allowed', 'permitted', 'authorised', 'authorized'], ['banned', 'prohibited', 'barred', 'forbade']],
  [['opened', 'reopened'], ['closed', 'shut']],
  [['accepted', 'agreed'], ['refused', 'declined']],
  [['won', 'wins', 'win'], ['lost', 'loses', 'lose']],
  [['supported', 'backed', 'endorsed', 'endorse'], ['opposed', 'oppose', 'reject', 'rejects']],
];
const CLASS_OF = new Map<string, [number, number]>();
EXCLUSIVE_CLASSES.forEach((cls, i) => cls.forEach((group, g) => group.forEach((w) => CLASS_OF.set(w, [i, g]))));

/** [class, group] of a word in the exclusive classes. */
export function exclusiveClass(lower: string): [number, number] | undefined {
  return CLASS_OF.get(lower);
}
