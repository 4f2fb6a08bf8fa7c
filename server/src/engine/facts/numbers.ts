import { UNITS, SCALES, ORDINALS, wordsToNumber } from './numberWords';
import { STOPWORDS } from '../text/tokens';

/**
 * Quantities in text: digits, number words, money, percentages, ordinals and durations, with the
 * qualifier that bounds them ("more than 60", "nearly 400", "up to 5") and the unit or counted
 * noun that follows ("11 people", "60,000 bpd", "ten years").
 */
export interface Quantity {
  start: number;
  end: number;
  /** As written, qualifier included. */
  text: string;
  value: number;
  /** Upper value of a range ("between 10 and 12", "10-12"). */
  high?: number;
  qualifier: Qualifier;
  /** Normalised unit: 'usd', 'eur', 'gbp', 'percent', 'km', 'kg', 'bpd', 'year', 'ordinal', ... or '' for counts. */
  unit: string;
  /** The noun after the number (lower-cased), e.g. "people", "agreements", "term". */
  noun: string;
  /** +1 for "400 kg more/heavier/higher", -1 for "less/lighter/lower", 0 otherwise. */
  direction: number;
  /** Every content word of the noun phrase after the number ("maritime", "operations"). */
  nouns: string[];
  /** Offset where the counted noun ends (the quantity's phrase end). */
  phraseEnd: number;
}

export type Qualifier = 'exact' | 'gt' | 'ge' | 'lt' | 'le' | 'near' | 'approx' | 'range';

const QUALIFIERS: Array<[RegExp, Qualifier]> = [
  [/(more than|over|above|upwards of|in excess of|exceeding)\s+$/i, 'gt'],
  [/(at least|no fewer than|no less than|a minimum of|as many as|as much as)\s+$/i, 'ge'],
  [/(fewer than|less than|under|below)\s+$/i, 'lt'],
  [/(up to|at most|no more than|a maximum of)\s+$/i, 'le'],
  [/(nearly|almost|close to|just under)\s+$/i, 'near'],
  [/(about|around|roughly|approximately|some|an estimated|estimated|circa|ca\.|approx\.?)\s+$/i, 'approx'],
  [/\bc\.\s?$/i, 'approx'],
];

const CURRENCY_PREFIX: Record<string, string> = { '$': 'usd', 'us$': 'usd', '€': 'eur', '£': 'gbp', '¥': 'jpy', 'usd': 'usd', 'eur': 'eur', 'gbp': 'gbp' };
const CURRENCY_WORD: Record<string, string> = {
  dollar: 'usd', dollars: 'usd', euro: 'eur', euros: 'eur', pound: 'gbp', pounds: 'gbp', sterling: 'gbp', yen: 'jpy',
  yuan: 'cny', rupees: 'inr', rubles: 'rub', roubles: 'rub', francs: 'chf', bolivars: 'ves',
};

/** Unit words → [normalised unit, factor to the base unit]. Length base km, mass base kg. */
const UNIT_WORDS: Record<string, [string, number]> = {
  percent: ['percent', 1], 'per cent': ['percent', 1], '%': ['percent', 1], pct: ['percent', 1],
  'percentage points': ['pp', 1], 'percentage point': ['pp', 1],
  km: ['km', 1], kilometres: ['km', 1], kilometers: ['km', 1], kilometre: ['km', 1], kilometer: ['km', 1],
  mile: ['km', 1.609344], miles: ['km', 1.609344], mi: ['km', 1.609344],
  metres: ['km', 0.001], meters: ['km', 0.001], metre: ['km', 0.001], meter: ['km', 0.001], m: ['km', 0.001],
  mm: ['km', 1e-6], millimetres: ['km', 1e-6], millimeters: ['km', 1e-6], cm: ['km', 1e-5], centimetres: ['km', 1e-5], centimeters: ['km', 1e-5],
  inches: ['km', 2.54e-5], inch: ['km', 2.54e-5],
  feet: ['km', 0.0003048], foot: ['km', 0.0003048], ft: ['km', 0.0003048],
  kg: ['kg', 1], kilograms: ['kg', 1], kilogram: ['kg', 1], tonnes: ['kg', 1000], tonne: ['kg', 1000], tons: ['kg', 1000], ton: ['kg', 1000],
  pounds_mass: ['kg', 0.45359237], lb: ['kg', 0.45359237], lbs: ['kg', 0.45359237],
  bpd: ['bpd', 1], 'barrels per day': ['bpd', 1], 'barrels a day': ['bpd', 1], 'barrels of oil per day': ['bpd', 1], 'barrels of oil a day': ['bpd', 1],
  years: ['year', 1], year: ['year', 1], months: ['year', 1 / 12], month: ['year', 1 / 12], weeks: ['day', 7], week: ['day', 7],
  days: ['day', 1], day: ['day', 1], hours: ['hour', 1], hour: ['hour', 1], minutes: ['hour', 1 / 60],
  decades: ['year', 10], decade: ['year', 10],
};

const NUMBER_WORD_SET = new Set([...Object.keys(UNITS), ...Object.keys(SCALES).filter((s) => s.length > 2), 'a', 'an', 'and']);

// Digits (with thousands separators or decimals), optionally preceded by a currency sign.
const DIGITS = /(US\$|\$|€|£|¥|(?:EUR|USD|GBP)\s?)?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?(%|percent|per cent|pct))?(?:[\s-]?(thousand|million|billion|trillion|bn|mn|mln|tn|[kmb])\b)?/gi;
const WORD_RUN = /\b((?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a|an|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds)(?:[\s-]+(?:and[\s-]+)?)?)+)\b/gi;
const ORDINAL = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|twentieth|thirtieth|\d+(?:st|nd|rd|th))\b/gi;

/** Words that may sit between a number and its noun without being the noun. */
const NOUN_SKIP = new Set(['more', 'other', 'additional', 'further', 'such', 'of', 'the', 'reported', 'new', 'consecutive', 'straight', 'separate', 'bilateral', 'popular', 'civilian', 'confirmed', 'total']);

export function extractQuantities(text: string, masked: ReadonlyArray<{ start: number; end: number }> = []): Quantity[] {
  const out: Quantity[] = [];
  const taken = (s: number, e: number) =>
    masked.some((m) => s < m.end && e > m.start) || out.some((q) => s < q.end && e > q.start);

  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(text); m; m = DIGITS.exec(text)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].length;
    if (taken(start, end)) continue;
    const prev = text[start - 1] ?? ' ';
    const circa = /\bca?\.\s?$/i.test(text.slice(Math.max(0, start - 4), start)); // "c.13%"
    if (!circa && /[\p{L}\p{N}_@\-/.:]/u.test(prev) && !(prev === '-' && /\s/.test(text[start - 2] ?? ' '))) continue; // ids, "B-52", "S-300", dates "10/31"
    if (/^[/:]\d/.test(text.slice(end, end + 2))) continue;
    if (/^\s?([ap]\.?m\.?|o'clock|h\b|GMT|UTC)/i.test(text.slice(end, end + 8))) continue; // a time of day
    if (!m[1] && !m[3] && !m[4] && /^(?:st|nd|rd|th)\b/i.test(text.slice(end))) continue; // "21st": an ordinal, below
    let value = parseFloat(m[2].replace(/,/g, ''));
    const scale = m[4]?.toLowerCase();
    if (scale === 'm' && !m[1]) {
      // "5m" is metres unless money; leave the unit to the unit-word logic.
    } else if (scale) value *= SCALES[scale] ?? 1;
    if (!m[1] && !m[3] && !scale && /^(1[5-9]|20)\d\d$/.test(m[2])) continue; // a year: dates handle it
    let unit = m[1] ? CURRENCY_PREFIX[m[1].trim().toLowerCase()] ?? '' : '';
    if (m[3]) unit = 'percent';
    const isRangeEnd = /[-–]\s?$/.test(text.slice(Math.max(0, start - 2), start)) && /\d/.test(text[start - 2] ?? '');
    if (isRangeEnd) continue; // second half of "10-12", attached to the first below
    // A bare number right after a capitalised word is part of a name ("Arc 18", "Article 5").
    const before = /(\p{Lu}[\p{L}]*)\s$/u.exec(text.slice(Math.max(0, start - 30), start));
    if (before && !m[1] && !m[3] && !scale && !/^(In|On|At|By|Of|To|From|Since|About|Over|Under|Some|All|The|And|Only|Nearly|Around|Almost|Just|Than|Between|Roughly|Approximately|Exactly|Another)$/.test(before[1]) && /^\s*([,.;:)]|$|and\b|or\b)/.test(text.slice(end, end + 5))) continue;
    out.push(finish(text, start, end, value, unit));
  }

  WORD_RUN.lastIndex = 0;
  for (let m = WORD_RUN.exec(text); m; m = WORD_RUN.exec(text)) {
    const words = m[1].trim().split(/[\s-]+/).filter(Boolean);
    // Trim leading/trailing "a", "an", "and" that are not part of a number.
    while (words.length && ['and', 'a', 'an'].includes(words[words.length - 1].toLowerCase())) words.pop();
    if (words.length === 0) continue;
    if (words.length === 1 && ['a', 'an'].includes(words[0].toLowerCase())) continue;
    if (words.every((w) => ['a', 'an', 'and', 'hundreds', 'dozens'].includes(w.toLowerCase()))) continue;
    const value = wordsToNumber(words);
    if (value === undefined) continue;
    const start = m.index;
    let end = start;
    // Compute end as the position after the last kept word.
    const re = new RegExp(words.map((w) => w.replace(/[-]/g, '[\\s-]+')).join('[\\s-]+(?:and[\\s-]+)?'), 'iy');
    re.lastIndex = start;
    const mm = re.exec(text);
    end = mm ? start + mm[0].length : start + words.join(' ').length;
    if (words[0].toLowerCase() === 'a' || words[0].toLowerCase() === 'an') {
      if (words.length === 1) continue;
    }
    if (taken(start, end)) continue;
    // A capitalised number word after a capitalised word is part of a name ("Air Force One").
    if (/^\p{Lu}/u.test(words[0]) && /\p{Lu}[\p{L}]*\s+$/u.test(text.slice(Math.max(0, start - 20), start)) && !/[.!?:]\s+$/.test(text.slice(Math.max(0, start - 3), start))) continue;
    // "one" is often a pronoun: "no one", "one of", "the one who".
    if (words.length === 1 && words[0].toLowerCase() === 'one') {
      if (/^\s+(of|another|who|that|which|named|said|says|is|was|has|had|would|could|can|will|might|must)\b/i.test(text.slice(end))) continue;
      if (/\b(no|any|every|some|the|this|that|each|which|no-|someone|anyone|only)\s+$/i.test(text.slice(Math.max(0, start - 12), start))) continue;
      if (/^\s*[,.;:!?)]/.test(text.slice(end))) continue;
    }
    out.push(finish(text, start, end, value, ''));
  }

  // Frequencies: "twice a week" is 2 times, "three times a week" is 3 times.
  const FREQ = /\b(once|twice|thrice)\s+(a|an|per|every|each)\b/gi;
  for (let m = FREQ.exec(text); m; m = FREQ.exec(text)) {
    const start = m.index;
    const end = start + m[1].length;
    if (taken(start, end)) continue;
    const value = { once: 1, twice: 2, thrice: 3 }[m[1].toLowerCase() as 'once'];
    out.push({ ...finish(text, start, end, value, 'times'), unit: 'times' });
  }
  for (const q of out) if (q.nouns[0] === 'times' && q.unit === '') q.unit = 'times';

  ORDINAL.lastIndex = 0;
  for (let m = ORDINAL.exec(text); m; m = ORDINAL.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    const w = m[0].toLowerCase();
    const value = ORDINALS[w] ?? parseInt(w, 10);
    if (!Number.isFinite(value)) continue;
    const q = finish(text, start, end, value, 'ordinal');
    out.push(q);
  }
  return out.sort((a, b) => a.start - b.start);
}

function finish(text: string, start: number, end: number, value: number, unit: string): Quantity {
  let qualifier: Qualifier = 'exact';
  let qStart = start;
  const before = text.slice(Math.max(0, start - 24), start);
  for (const [re, q] of QUALIFIERS) {
    const m = re.exec(before);
    if (m && m.index + m[0].length === before.length) {
      qualifier = q;
      qStart = start - m[0].length;
      break;
    }
  }
  let high: number | undefined;
  let e = end;
  // Ranges: "10-12", "10 to 12", "between 10 and 12".
  const after = text.slice(end);
  const range = /^\s?(?:-|–|to|and)\s?(?:US\$|\$|€|£)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\d)(?:\s?(thousand|million|billion|trillion|bn|mn)\b)?/i.exec(after);
  // The second figure of a range has the first one's kind: "73% to €31.5 million" is no range.
  const sameKind = !(unit === 'percent' && /[$€£]/.test(range?.[0] ?? '')) && !(unit !== 'percent' && unit !== '' && /%/.test(text.slice(end + (range?.[0].length ?? 0), end + (range?.[0].length ?? 0) + 1)));
  if (range && sameKind && (range[0].includes('-') || range[0].includes('–') || /between\s+$/i.test(text.slice(Math.max(0, qStart - 10), qStart)) || range[0].includes('to'))) {
    let hv = parseFloat(range[1].replace(/,/g, ''));
    if (range[2]) {
      const sc = SCALES[range[2].toLowerCase()];
      hv *= sc;
      // "1.7 to 1.8 billion": the scale of the second figure applies to the first.
      if (value < hv / 1000 && value * sc <= hv) value *= sc;
    }
    if (!/^(1[5-9]|20)\d\d$/.test(range[1]) || hv > value) {
      high = hv * (value >= 1000 && hv < 1000 ? 1 : 1);
      if (high > value) {
        qualifier = 'range';
        e = end + range[0].length;
      } else high = undefined;
    }
  }
  // Unit words and the counted noun after the number.
  let rest = text.slice(e);
  let u = unit;
  let phraseEnd = e;
  const scaleWord = /^[\s-]?(thousand|million|billion|trillion)\b/i.exec(rest);
  if (scaleWord && unit !== 'ordinal') {
    value *= SCALES[scaleWord[1].toLowerCase()];
    if (high !== undefined) high *= SCALES[scaleWord[1].toLowerCase()];
    e += scaleWord[0].length;
    phraseEnd = e;
    rest = text.slice(e);
  }
  const unitMatch = /^[\s-]?(percentage points?|per cent|percent|barrels (?:of oil )?(?:per|a) day|%|[a-z]+)\b/i.exec(rest);
  let noun = '';
  if (unitMatch) {
    const word = unitMatch[1].toLowerCase();
    const cur = CURRENCY_WORD[word];
    const uw = UNIT_WORDS[word];
    if (cur && !u) {
      u = cur;
      phraseEnd = e + unitMatch[0].length;
    } else if (uw && u !== 'ordinal' && !(word === 'm' && u)) {
      u = uw[0];
      value *= uw[1];
      if (high !== undefined) high *= uw[1];
      phraseEnd = e + unitMatch[0].length;
      noun = word;
    }
  }
  const nouns: string[] = noun ? [noun] : [];
  if (!noun) {
    // The counted noun phrase after the number (skipping a few modifiers), up to three words.
    const words = /^((?:[\s-]+[\p{L}'’\-]+){1,5})/u.exec(text.slice(phraseEnd));
    if (words) {
      let consumed = 0;
      for (const w of words[1].split(/(?=[\s-])/)) {
        const bare = w.replace(/^[\s-]+/, '').toLowerCase();
        if (NOUN_SKIP.has(bare) || NUMBER_WORD_SET.has(bare)) {
          consumed += w.length;
          continue;
        }
        // A function word, a past-tense verb or a capitalised name ends the phrase.
        if (STOPWORDS.has(bare) || /^\p{L}+(ed|ing)$/u.test(bare) || /^[\s-]*\p{Lu}/u.test(w)) break;
        nouns.push(bare.replace(/['’]s$/, ''));
        consumed += w.length;
        if (nouns.length === 1) phraseEnd += consumed, (consumed = 0);
        if (nouns.length >= 3) break;
      }
      // The head of the phrase is its last noun ("200 military advisers" counts advisers).
      noun = nouns[nouns.length - 1] ?? '';
    }
  }
  const tail = text.slice(phraseEnd, phraseEnd + 24).toLowerCase();
  const dirMatch = /^\s*(more|higher|heavier|larger|bigger|greater|longer|up|above|over)\b|^\s*(less|lower|lighter|smaller|fewer|shorter|down|below|under)\b/.exec(tail);
  // Or the verb before it: "rose 9%", "had fallen about 30%".
  const head = text.slice(Math.max(0, qStart - 32), qStart).toLowerCase();
  const verbUp = /\b(rose|rise|rises|risen|rising|increased|increases|grew|grown|gained|jumped|climbed|soared|up)\s+(by\s+)?$/.test(head);
  const verbDown = /\b(fell|fall|falls|fallen|falling|decreased|decreases|shrank|shrunk|lost|dropped|declined|slumped|plunged|down)\s+(by\s+)?$/.test(head);
  const direction = dirMatch ? (dirMatch[1] ? 1 : -1) : verbUp ? 1 : verbDown ? -1 : 0;
  return { start: qStart, end: e, text: text.slice(qStart, e), value, high, qualifier, unit: u, noun, nouns, direction, phraseEnd };
}

/** The interval of values a quantity allows, as [low, high] with open/closed flags folded in by tolerance. */
export function interval(q: Quantity): [number, number] {
  const v = q.value;
  switch (q.qualifier) {
    case 'exact':
      return [v, v];
    case 'range':
      return [v, q.high ?? v];
    case 'gt':
      return [v + Number.EPSILON, Infinity];
    case 'ge':
      return [v, Infinity];
    case 'lt':
      return [-Infinity, v - Number.EPSILON];
    case 'le':
      return [-Infinity, v];
    case 'near':
      return [v * 0.9, v];
    case 'approx': {
      // "About", "around": the figure is rounded at its last significant digit ("about 80"
      // covers 75 to 85, "about 13%" 12.5 to 13.5), never tighter than ±5% nor looser than ±10%.
      const span = Math.max(Math.abs(v) * 0.05, Math.min(Math.abs(v) * 0.1, roundingUnit(q) / 2));
      return [v - span, v + span];
    }
  }
}

/** The place value of the last significant digit as written: 10 for "80", 0.1 for "1.9 million". */
function roundingUnit(q: Quantity): number {
  const numeral = /(\d[\d,]*)(?:\.(\d+))?/.exec(q.text);
  const v = Math.abs(q.value);
  if (!numeral) {
    // Number words: "about eighty" is rounded to its trailing zeros.
    let unit = 1;
    while (v >= unit * 10 && v % (unit * 10) === 0) unit *= 10;
    return unit;
  }
  const digits = numeral[1].replace(/,/g, '');
  const written = parseFloat(numeral[1].replace(/,/g, '') + (numeral[2] ? '.' + numeral[2] : ''));
  const scale = written > 0 ? v / written : 1; // "1.9 million": scale 1e6
  if (numeral[2]) return Math.pow(10, -numeral[2].length) * scale;
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  return Math.pow(10, Math.min(zeros, digits.length - 1)) * scale;
}

/**
 * Whether two statements of a quantity can both be true. Exact figures in prose are often
 * rounded, so exact values within 1% match, and an approximate value allows ±10%.
 */
export function compatible(a: Quantity, b: Quantity): boolean {
  if (a.unit !== b.unit && a.unit && b.unit) return false;
  const [al, ah] = interval(a);
  const [bl, bh] = interval(b);
  const tol = (x: number) => Math.abs(x) * 0.01;
  return al <= bh + tol(bh) && bl <= ah + tol(ah);
}
