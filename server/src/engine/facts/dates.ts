/**
 * Dates in text, as spans that can be compared even when parts are unknown: "September 2"
 * (no year), "mid-2024", "late October", "31 October 2025", "10/31/2025", "2025-10-31", and
 * relative dates ("on Friday", "yesterday", "this month") resolved against a reference date.
 */

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** Inclusive year interval, when a year is known. */
  years?: [number, number];
  /** Inclusive month-day interval as month*32+day, when a month is known. */
  md?: [number, number];
  /** True when resolved from a relative expression. */
  relative?: boolean;
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11,
  december: 12, dec: 12,
};
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAYS_IN = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY = '(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\\s+(?:the\\s+)?)?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
// Parts of a period, also capitalised at the start of a sentence ("Late October", "Mid-2024").
const PART_WORDS = '[Ee]arly|[Mm]id|[Ll]ate|[Tt]he end of|[Tt]he start of|[Tt]he beginning of|[Tt]he middle of';
const PART = `(?:(${PART_WORDS})[\\s-]+)?`;

const PATTERNS: Array<{ re: RegExp; build: (m: RegExpExecArray) => Omit<DateMention, 'start' | 'end' | 'text'> | undefined }> = [
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, build: (m) => exact(+m[1], +m[2], +m[3]) },
  {
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g,
    build: (m) => {
      const a = +m[1];
      const b = +m[2];
      // US order unless the first number cannot be a month.
      return a > 12 ? exact(+m[3], b, a) : exact(+m[3], a, b);
    },
  },
  {
    re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+${DAY}(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    build: (m) => withDay(m[3] ? +m[3] : undefined, monthOf(m[1]), +m[2]),
  },
  {
    re: new RegExp(`\\b${WEEKDAY}${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    build: (m) => withDay(m[3] ? +m[3] : undefined, monthOf(m[2]), +m[1]),
  },
  {
    // "the first week of October", "the last week of May"
    re: new RegExp(`\\b(first|second|third|fourth|last|final)\\s+week\\s+of\\s+${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'gi'),
    build: (m) => {
      const month = monthOf(m[2]);
      if (!month) return undefined;
      const n = { first: 1, second: 2, third: 3, fourth: 4 }[m[1].toLowerCase() as 'first'];
      const lo = n ? (n - 1) * 7 + 1 : DAYS_IN[month] - 6;
      return { years: m[3] ? [+m[3], +m[3]] : undefined, md: [month * 32 + lo, month * 32 + Math.min(DAYS_IN[month], lo + 6)] };
    },
  },
  {
    re: new RegExp(`\\b${PART}${MONTH}(?:,?\\s+(\\d{4}))?\\b`, 'g'),
    build: (m) => {
      const month = monthOf(m[2]);
      if (!month) return undefined;
      const [lo, hi] = partOf(m[1], 1, DAYS_IN[month]);
      return { years: m[3] ? [+m[3], +m[3]] : undefined, md: [month * 32 + lo, month * 32 + hi] };
    },
  },
  {
    re: new RegExp(`\\b(?:(${PART_WORDS})[\\s-]+)?((?:1[89]|20)\\d\\d)(?:\\s*(?:-|–|to|until)\\s*((?:1[89]|20)\\d\\d))?\\b`, 'g'),
    build: (m) => {
      const y = +m[2];
      if (m[3]) return { years: [y, +m[3]] };
      if (!m[1]) return { years: [y, y] };
      const [lo, hi] = partOf(m[1], 1, 12);
      return { years: [y, y], md: [lo * 32 + 1, hi * 32 + 31] };
    },
  },
];

function monthOf(s: string): number | undefined {
  return MONTHS[s.toLowerCase().replace(/\.$/, '')];
}

function exact(y: number, m: number, d: number): Omit<DateMention, 'start' | 'end' | 'text'> | undefined {
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN[m]) return undefined;
  return { years: [y, y], md: [m * 32 + d, m * 32 + d] };
}

function withDay(y: number | undefined, m: number | undefined, d: number) {
  if (!m || d < 1 || d > DAYS_IN[m]) return undefined;
  return { years: y ? ([y, y] as [number, number]) : undefined, md: [m * 32 + d, m * 32 + d] as [number, number] };
}

/** Sub-interval of [lo, hi] named by "early", "mid", "late". */
function partOf(part: string | undefined, lo: number, hi: number): [number, number] {
  const span = hi - lo + 1;
  switch (part?.toLowerCase()) {
    case 'early':
    case 'the start of':
    case 'the beginning of':
      return [lo, lo + Math.ceil(span / 3) - 1];
    case 'mid':
    case 'the middle of':
      return [lo + Math.floor(span / 4), hi - Math.floor(span / 4)];
    case 'late':
    case 'the end of':
      return [hi - Math.ceil(span / 3) + 1, hi];
    default:
      return [lo, hi];
  }
}

/** ISO date string → [y, m, d]. */
function parseIso(iso: string | undefined): [number, number, number] | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? [+m[1], +m[2], +m[3]] : undefined;
}

function shift(ref: [number, number, number], days: number): [number, number, number] {
  const d = new Date(Date.UTC(ref[0], ref[1] - 1, ref[2] + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

const RELATIVE = /\b(today|yesterday|tomorrow|(?:on|last|this past)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(this|last|next)\s+(week|month|year))\b/gi;

/** Finds dates in `text`. Relative dates resolve only when `reference` (ISO) is given. */
export function extractDates(text: string, reference?: string): DateMention[] {
  const out: DateMention[] = [];
  const overlaps = (s: number, e: number) => out.some((d) => s < d.end && e > d.start);
  for (const { re, build } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (overlaps(start, end)) continue;
      // "May" is also a verb: a month name alone must be capitalised and not sentence-initial modal use.
      if (/^May$/i.test(m[0].trim()) && (m[0] !== 'May' || /^\s+(be|have|not|also|well|still)\b/.test(text.slice(end)))) continue;
      if (/^(March|Mar)$/i.test(m[0].trim()) && m[0][0] !== 'M') continue;
      // A bare number that is a quantity ("2,000") is not a year; digits glued to letters are ids.
      if (/^\d{4}$/.test(m[0]) && (/[\d,.$€£\-/]$/.test(text.slice(0, start)) || /^[,.]\d|^[\-/]\d/.test(text.slice(end)))) continue;
      const d = build(m);
      if (d) out.push({ start, end, text: m[0], ...d });
    }
  }
  const ref = parseIso(reference);
  if (ref) {
    RELATIVE.lastIndex = 0;
    for (let m = RELATIVE.exec(text); m; m = RELATIVE.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      const w = m[0].toLowerCase();
      let d: Omit<DateMention, 'start' | 'end' | 'text'> | undefined;
      if (w === 'today') d = exact(...ref);
      else if (w === 'yesterday') d = exact(...shift(ref, -1));
      else if (w === 'tomorrow') d = exact(...shift(ref, 1));
      else if (m[2]) {
        const target = WEEKDAYS.indexOf(m[2].toLowerCase());
        const refDay = new Date(Date.UTC(ref[0], ref[1] - 1, ref[2])).getUTCDay();
        let back = (refDay - target + 7) % 7;
        if (/^(last|this past)/.test(w) && back === 0) back = 7;
        d = exact(...shift(ref, -back));
      } else if (m[4] === 'month') {
        const [y, mo] = m[3].toLowerCase() === 'last' ? shift([ref[0], ref[1], 1], -1) : m[3].toLowerCase() === 'next' ? shift([ref[0], ref[1], 28], 7) : ref;
        d = { years: [y, y], md: [mo * 32 + 1, mo * 32 + DAYS_IN[mo]] };
      } else if (m[4] === 'year') {
        const y = ref[0] + (m[3].toLowerCase() === 'last' ? -1 : m[3].toLowerCase() === 'next' ? 1 : 0);
        d = { years: [y, y] };
      } else if (m[4] === 'week') {
        const off = m[3].toLowerCase() === 'last' ? -7 : m[3].toLowerCase() === 'next' ? 7 : 0;
        const a = shift(ref, off - 3);
        const b = shift(ref, off + 3);
        if (a[0] === b[0]) d = { years: [a[0], a[0]], md: [a[1] * 32 + a[2], b[1] * 32 + b[2]] };
      }
      if (d) out.push({ start, end, text: m[0], relative: true, ...d });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function within(inner: [number, number], outer: [number, number]): boolean {
  return inner[0] >= outer[0] && inner[1] <= outer[1];
}

function meets(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** Can both dates be true of the same event? Unknown parts match anything. */
export function datesOverlap(a: DateMention, b: DateMention): boolean {
  if (a.years && b.years && !meets(a.years, b.years)) return false;
  if (a.md && b.md && !meets(a.md, b.md)) return false;
  return true;
}

/** Does the source date `s` state the draft date `d` (at least as precisely)? */
export function dateSupports(s: DateMention, d: DateMention): boolean {
  if (d.years && s.years && !within(s.years, d.years)) return false;
  if (d.years && !s.years && !d.md) return false;
  if (d.md && !s.md) return false;
  if (d.md && s.md && !within(s.md, d.md)) return false;
  return true;
}

/** Same granularity, for deciding whether two dates speak of the same thing at all. */
export function hasMonthOrDay(d: DateMention): boolean {
  return d.md !== undefined;
}

/** The first full date (year, month and day) in a text, as ISO, for source metadata. */
export function firstFullDate(text: string): string | undefined {
  for (const d of extractDates(text)) {
    if (d.years && d.md && d.years[0] === d.years[1] && d.md[0] === d.md[1]) {
      const m = Math.floor(d.md[0] / 32);
      const day = d.md[0] % 32;
      return `${d.years[0]}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    }
  }
  return undefined;
}
