#!/usr/bin/env node
// Corroborate benchmark (issue 7). Run after a build: `npm run bench` (or `node scripts/bench.mjs`).
//
//   node scripts/bench.mjs [--quick] [--keep] [--profile] [--profile-server DIR] [--no-lsp] [--docs 1000,10000]
//
// Generates corpora of 1,000 and 10,000 English-like news documents (~10 KB each) and a
// 5,000-word draft with a seeded PRNG into a temp dir, then measures for the bundled example and
// each size, each in its own child process so that peak RSS is per size:
//   - cold indexing (read + Corpus build) time and MB/s, peak RSS against the corpus text,
//   - a full check of the draft, and the engine's own edit latency (in-process, cached),
//   - warm start from a persisted index (when Corpus.toSnapshot/fromSnapshot exist),
//   - edit-to-diagnostics and hover latency through a real LSP client over stdio (when
//     dist/server.js exists),
//   - a ripgrep scan of the same files, as a reference for raw reading speed.
// The last line is the machine-comparable summary of the largest size.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
// Copies of the bundles are run (see main), so a rebuild during a long run cannot mix versions.
let ENGINE = path.join(DIST, 'engine-bench.js');
let SERVER = path.join(DIST, 'server.js');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const KEEP = flag('--keep');
const PROFILE = flag('--profile');
/** Writes a CPU profile of each language server run into this folder. */
const PROFILE_SERVER = option('--profile-server');
const NO_LSP = flag('--no-lsp');
const SIZES = option('--docs') ? option('--docs').split(',').map(Number) : QUICK ? [1000] : [1000, 10000];
const EDITS = Number(option('--edits') ?? 200);
const HOVERS = Number(option('--hovers') ?? 100);

const log = (...a) => console.error(...a);

// ---------------------------------------------------------------------------------------------
// Deterministic generator of English-like news text
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast, seeded. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (arr) => arr[Math.floor(next() * arr.length)];
  next.chance = (p) => next() < p;
  return next;
}

const ONSETS = ['b', 'br', 'c', 'ch', 'cr', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'r', 's', 'sh', 'st', 't', 'th', 'tr', 'v', 'w'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ou', 'ie'];
const CODAS = ['', '', 'n', 'r', 'l', 's', 't', 'm', 'nd', 'rt', 'st', 'ck', 'ng', 'x'];

function pseudoWord(r, syllables) {
  let w = '';
  for (let i = 0; i < syllables; i++) w += r.pick(ONSETS) + r.pick(VOWELS) + (i === syllables - 1 || r.chance(0.4) ? r.pick(CODAS) : '');
  return w;
}
const cap = (w) => w[0].toUpperCase() + w.slice(1);
/** Made-up words must not spell anything rude. */
const UNWANTED = /fuc|fuk|shit|cunt|dick|cock|nig|fag|rape|piss|slut|whor|tit|cum|sex|porn|anal|ass|butt|puss|kill|nazi|jew|gay|wank|twat|bitch|tard/i;

/** A set of `n` distinct pseudo-words, none of which is in `exclude`. */
function lexicon(r, n, minSyl, maxSyl, exclude = new Set(), transform = (w) => w) {
  const out = [];
  const seen = new Set();
  while (out.length < n) {
    const w = transform(pseudoWord(r, r.int(minSyl, maxSyl)));
    if (w.length < 4 || seen.has(w) || exclude.has(w.toLowerCase()) || UNWANTED.test(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

/** Zipf sampler over `n` ranks (s = 1.05): a heavy tail of rare words, like real prose. */
function zipf(n, s = 1.05) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
  for (let i = 0; i < n; i++) cdf[i] /= sum;
  return (r) => {
    const x = r();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const FIRST_NAMES = (
  'Anna Marta Jonas Ilse Tomas Karin Lena Piet Sofia Ahmed Yusuf Maria Elena Pedro Lucas Hana Kenji Aiko Olga Ivan ' +
  'Fatima Omar Grace Samuel Ruth Daniel Chloe Noah Amara Kwame Ingrid Lars Astrid Emil Nadia Pavel Irena Marek Zofia Luca ' +
  'Giulia Matteo Chiara Rafael Beatriz Diego Camila Priya Arjun Meera Rohan Mei Wei Jun Min Sara David Helen Peter Laura ' +
  'Martin Julia Simon Clara Felix Nora Oskar Vera Hugo Alice Paul Eva Adam Rosa Leon Mila'
).split(' ');
const ROLES = ['mayor', 'spokeswoman', 'spokesman', 'chief executive', 'director', 'chair', 'minister', 'commander', 'head', 'deputy mayor', 'treasurer', 'chief inspector', 'councillor', 'president'];
const ORG_KINDS = ['Council', 'Waterways Board', 'Fire Brigade', 'Health Authority', 'Chamber of Commerce', 'Transport Authority', 'Police', 'Relief Service', 'Teachers Union', 'Energy Company', 'Hospital Trust', 'Port Authority', 'Farmers Association', 'Housing Association', 'Statistics Office'];
const OUTLET_KINDS = ['Courier', 'Ledger', 'Post', 'Herald', 'Gazette', 'Chronicle', 'Observer', 'Times', 'Daily', 'Radio', 'Tribune', 'Echo'];
const PLACE_SUFFIXES = ['ton', 'mere', 'ford', 'burg', 'ham', 'wick', 'stead', 'field', 'port', 'dale', 'holm', 'by', 'minster', 'well'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

// General news vocabulary (real English), mixed with the pseudo-word tail.
const NOUNS = (
  'plan budget report road bridge school hospital station market river project scheme decision vote inquiry review ' +
  'agreement programme service network policy proposal fund contract building centre district harbour railway ' +
  'factory border office court union strike election campaign committee board survey study price rate tax wage ' +
  'pension loan debt bond shares profit revenue investment subsidy grant aid shelter storm flood fire drought crop ' +
  'harvest water power energy grid fuel gas transport traffic bus tram ferry airport runway port warehouse estate ' +
  'housing rent tenant landlord patient doctor nurse teacher pupil student worker employer farmer fisherman resident ' +
  'council minister mayor official spokesman police officer judge lawyer witness jury verdict sentence appeal law bill'
).split(' ');
const ADJECTIVES = (
  'new old local regional national public private major minor early late final first second recent previous ' +
  'heavy severe serious modest sharp steady slow rapid significant critical urgent costly cheap long short wide ' +
  'northern southern eastern western rural urban coastal industrial independent official provisional annual'
).split(' ');
const VERBS_PAST = (
  'approved rejected delayed announced confirmed cancelled postponed reviewed criticised defended funded closed ' +
  'opened expanded reduced raised lowered launched completed suspended extended replaced repaired inspected ' +
  'questioned welcomed blocked challenged promised proposed'
).split(' ');
const ADVERBS = 'quickly slowly sharply steadily repeatedly formally publicly privately initially eventually largely partly'.split(' ');

/** Event kinds: figure frames, each a sentence with one figure. {Q} is the (qualified) figure. */
const EVENT_KINDS = [
  {
    kind: 'flood',
    headline: (e) => `${e.river} bursts its banks in ${e.place}`,
    figures: [
      { id: 'evacuated', lo: 150, hi: 6000, fmt: 'int', s: (e) => `{Q} residents were evacuated from low-lying streets in ${e.place} ${e.when}, ${e.org} said.` },
      { id: 'homes', lo: 40, hi: 2500, fmt: 'int', s: (e) => `${e.person} said {Q} homes had been flooded.` },
      { id: 'rain', lo: 40, hi: 260, fmt: 'int', s: (e) => `The weather service recorded {Q} millimetres of rain in ${e.hours} hours at its ${e.place} station.` },
      { id: 'level', lo: 21, hi: 79, fmt: 'dec', s: (e) => `The ${e.river} peaked at {Q} metres at the ${e.gauge} gauge.` },
      { id: 'damage', lo: 2, hi: 180, fmt: 'money', s: (e) => `Insurers estimate early damage claims of {Q}.` },
      { id: 'rescued', lo: 3, hi: 90, fmt: 'int', s: (e) => `Emergency crews rescued {Q} people by boat.` },
    ],
  },
  {
    kind: 'election',
    headline: (e) => `${e.person} wins ${e.place} mayoral race`,
    figures: [
      { id: 'turnout', lo: 31, hi: 78, fmt: 'pct', s: (e) => `Turnout in ${e.place} was {Q}, the electoral commission said.` },
      { id: 'votes', lo: 2000, hi: 90000, fmt: 'int', s: (e) => `${e.person} received {Q} votes.` },
      { id: 'seats', lo: 5, hi: 60, fmt: 'int', s: (e) => `The ${e.party} won {Q} of the council's seats.` },
      { id: 'margin', lo: 2, hi: 30, fmt: 'pct', s: (e) => `The winning margin was {Q}, according to provisional results published ${e.when}.` },
      { id: 'candidates', lo: 3, hi: 12, fmt: 'words', s: (e) => `{Q} candidates stood in the first round.` },
    ],
  },
  {
    kind: 'closure',
    headline: (e) => `${e.company} to close ${e.place} plant`,
    figures: [
      { id: 'jobs', lo: 80, hi: 4000, fmt: 'int', s: (e) => `${e.company} said {Q} jobs would be lost when the ${e.place} plant closes.` },
      { id: 'cost', lo: 5, hi: 900, fmt: 'money', s: (e) => `The restructuring will cost {Q}, the company said ${e.when}.` },
      { id: 'years', lo: 12, hi: 95, fmt: 'int', s: (e) => `The factory has operated in ${e.place} for {Q} years.` },
      { id: 'share', lo: 3, hi: 28, fmt: 'pct', s: (e) => `Shares in ${e.company} fell {Q} on the news.` },
      { id: 'sites', lo: 2, hi: 11, fmt: 'words', s: (e) => `The group will keep {Q} sites open in the region.` },
    ],
  },
  {
    kind: 'budget',
    headline: (e) => `${e.place} council approves budget`,
    figures: [
      { id: 'total', lo: 20, hi: 950, fmt: 'money', s: (e) => `Councillors in ${e.place} approved a budget of {Q} ${e.when}.` },
      { id: 'rise', lo: 1, hi: 15, fmt: 'pct', s: (e) => `Local taxes will rise by {Q} next year.` },
      { id: 'schools', lo: 2, hi: 120, fmt: 'money', s: (e) => `${e.person} said {Q} would go to schools and roads.` },
      { id: 'votes', lo: 12, hi: 55, fmt: 'int', s: (e) => `The budget passed by {Q} votes to ${e.minor}.` },
      { id: 'staff', lo: 30, hi: 900, fmt: 'int', s: (e) => `The council plans to cut {Q} posts over three years.` },
    ],
  },
  {
    kind: 'fire',
    headline: (e) => `Fire destroys warehouse in ${e.place}`,
    figures: [
      { id: 'firefighters', lo: 20, hi: 300, fmt: 'int', s: (e) => `{Q} firefighters fought the blaze at its height, ${e.org} said.` },
      { id: 'hours', lo: 3, hi: 40, fmt: 'int', s: (e) => `It took {Q} hours to bring the fire under control.` },
      { id: 'injured', lo: 1, hi: 12, fmt: 'words', s: (e) => `{Q} people were treated in hospital for smoke inhalation.` },
      { id: 'area', lo: 500, hi: 40000, fmt: 'int', s: (e) => `The blaze destroyed {Q} square metres of storage space.` },
      { id: 'loss', lo: 1, hi: 75, fmt: 'money', s: (e) => `The owners estimated the loss at {Q}.` },
    ],
  },
  {
    kind: 'strike',
    headline: (e) => `${e.union} workers walk out in ${e.place}`,
    figures: [
      { id: 'workers', lo: 300, hi: 60000, fmt: 'int', s: (e) => `{Q} workers joined the strike ${e.when}, the ${e.union} said.` },
      { id: 'days', lo: 1, hi: 14, fmt: 'words', s: (e) => `The walkout is planned to last {Q} days.` },
      { id: 'pay', lo: 2, hi: 18, fmt: 'pct', s: (e) => `The union is demanding a pay rise of {Q}.` },
      { id: 'offer', lo: 1, hi: 9, fmt: 'pct', s: (e) => `${e.company} has offered {Q}, ${e.person} said.` },
      { id: 'cancelled', lo: 40, hi: 2400, fmt: 'int', s: (e) => `{Q} services were cancelled across the network.` },
    ],
  },
  {
    kind: 'hospital',
    headline: (e) => `New hospital opens in ${e.place}`,
    figures: [
      { id: 'beds', lo: 60, hi: 1200, fmt: 'int', s: (e) => `The new hospital in ${e.place} has {Q} beds.` },
      { id: 'cost', lo: 40, hi: 1500, fmt: 'money', s: (e) => `The building cost {Q}, ${e.org} said.` },
      { id: 'staff', lo: 200, hi: 5000, fmt: 'int', s: (e) => `It will employ {Q} staff when fully open.` },
      { id: 'wait', lo: 4, hi: 60, fmt: 'int', s: (e) => `Patients in ${e.place} waited an average of {Q} weeks for surgery last year.` },
      { id: 'years', lo: 2, hi: 11, fmt: 'words', s: (e) => `Construction took {Q} years.` },
    ],
  },
  {
    kind: 'trade',
    headline: (e) => `${e.place} port handles record cargo`,
    figures: [
      { id: 'tonnes', lo: 2, hi: 95, fmt: 'mtonnes', s: (e) => `The port of ${e.place} handled {Q} of cargo last year.` },
      { id: 'growth', lo: 1, hi: 22, fmt: 'pct', s: (e) => `Container traffic grew by {Q} compared with the previous year.` },
      { id: 'ships', lo: 400, hi: 9000, fmt: 'int', s: (e) => `{Q} ships called at the port, ${e.person} said.` },
      { id: 'invest', lo: 10, hi: 600, fmt: 'money', s: (e) => `The port authority will invest {Q} in new quays.` },
      { id: 'berths', lo: 2, hi: 12, fmt: 'words', s: (e) => `The expansion adds {Q} berths.` },
    ],
  },
];

const QUALIFIERS = ['', '', '', 'about ', 'more than ', 'nearly ', 'at least ', 'around ', 'over ', 'almost '];

function fmtNumber(v, fmt, r, currency) {
  switch (fmt) {
    case 'dec':
      return (v / 10).toFixed(1);
    case 'pct':
      return r.chance(0.5) ? `${v} per cent` : `${v}%`;
    case 'money':
      return currency === '€' && r.chance(0.5) ? `${v} million euros` : `${currency}${v} million`;
    case 'mtonnes':
      return `${v} million tonnes`;
    case 'words':
      return v < SMALL.length && r.chance(0.7) ? SMALL[v] : String(v);
    default:
      return v >= 1000 ? v.toLocaleString('en-GB') : String(v);
  }
}

function formatDate(d, r) {
  const day = d.getUTCDate();
  const month = MONTHS[d.getUTCMonth()];
  const year = d.getUTCFullYear();
  return r.chance(0.5) ? `${day} ${month} ${year}` : `${month} ${day}, ${year}`;
}

/** The whole fake world: names, places, organisations, outlets and events. */
function makeWorld(seed, eventCount) {
  const r = prng(seed);
  const rare = lexicon(r, 60000, 2, 3);
  const rareSet = new Set(rare);
  const surnames = lexicon(r, 20000, 2, 3, rareSet, cap);
  const placeRoots = lexicon(r, 4000, 1, 2, rareSet, cap);
  const places = placeRoots.map((p, i) => p + PLACE_SUFFIXES[i % PLACE_SUFFIXES.length]);
  const outlets = Array.from({ length: 80 }, (_, i) => `${places[(i * 37) % places.length]} ${OUTLET_KINDS[i % OUTLET_KINDS.length]}`);
  // Names the corpus never uses, for invented claims of the draft.
  const used = new Set([...rare, ...surnames.map((s) => s.toLowerCase()), ...placeRoots.map((s) => s.toLowerCase())]);
  const unseenSurnames = lexicon(prng(seed + 1), 400, 2, 3, used, cap);
  const unseenPlaces = lexicon(prng(seed + 2), 200, 2, 2, used, cap).map((p) => p + 'ridge');
  const rareIndex = zipf(rare.length);
  const person = (rr) => `${rr.pick(FIRST_NAMES)} ${rr.pick(surnames)}`;
  const events = [];
  for (let i = 0; i < eventCount; i++) events.push(makeEvent(r, i, { places, surnames, person }));
  return { rare, rareIndex, surnames, places, outlets, events, person, unseenSurnames, unseenPlaces };
}

function makeEvent(r, i, w) {
  const k = EVENT_KINDS[i % EVENT_KINDS.length];
  const place = r.pick(w.places);
  const date = new Date(Date.UTC(2012 + r.int(0, 13), r.int(0, 11), r.int(1, 28)));
  const e = {
    id: i,
    k,
    place,
    date,
    person: w.person(r),
    person2: w.person(r),
    role: r.pick(ROLES),
    org: `the ${place} ${r.pick(ORG_KINDS)}`,
    company: `${r.pick(w.surnames)} ${r.pick(['Industries', 'Group', 'Holdings', 'Logistics', 'Foods', 'Steel', 'Motors'])}`,
    union: `${r.pick(['Transport', 'Metal', 'Public Service', 'Rail', 'Dock'])} Workers Union`,
    party: `${r.pick(['Civic', 'Green', 'Liberal', 'Labour', 'Citizens', 'Heritage'])} Party`,
    river: `River ${r.pick(w.surnames)}`,
    gauge: r.pick(w.places),
    hours: r.pick([12, 24, 36, 48, 72]),
    minor: r.int(2, 11),
    currency: r.pick(['€', '$', '£']),
    values: {},
  };
  e.when = `on ${WEEKDAYS[date.getUTCDay()]}`;
  for (const f of k.figures) e.values[f.id] = r.int(f.lo, f.hi);
  return e;
}

/** One figure sentence of an event as a given outlet reports it (outlets sometimes disagree). */
function figureSentence(r, e, f, disagree) {
  let v = e.values[f.id];
  if (disagree) v = Math.max(1, Math.round(v * (e.id % 2 ? 1 + ((e.id * 7) % 26 + 5) / 100 : 1 - ((e.id * 11) % 26 + 5) / 100)));
  const q = f.fmt === 'int' || f.fmt === 'money' ? r.pick(QUALIFIERS) : '';
  const num = fmtNumber(v, f.fmt, r, e.currency);
  let s = f.s(e).replace('{Q}', q + num);
  s = s[0].toUpperCase() + s.slice(1);
  return { text: s, value: v, num, f };
}

function fillerSentence(r, world, e) {
  const rare = () => world.rare[world.rareIndex(r)];
  const n = () => (r.chance(0.35) ? rare() : r.pick(NOUNS));
  const adj = () => r.pick(ADJECTIVES);
  const year = () => e.date.getUTCFullYear() - r.int(1, 30);
  const other = () => world.person(r);
  const t = r.int(0, 25);
  switch (t) {
    case 14:
      return `The ${n()} is expected to be ${r.pick(VERBS_PAST)} before the end of ${MONTHS[r.int(0, 11)]}, ${r.pick(world.surnames)} said in a statement.`;
    case 15:
      return `Local businesses, including a ${rare()} ${n()} on ${r.pick(world.surnames)} Street, said trade had been ${r.pick(['slow', 'brisk', 'uneven', 'patchy'])} for weeks.`;
    case 16:
      return `${other()}, who has lived in ${e.place} for ${r.int(3, 60)} years, said she had never seen anything like it.`;
    case 17:
      return `A ${adj()} ${n()} published in ${year()} by the ${r.pick(world.places)} ${r.pick(ORG_KINDS)} warned of ${adj()} ${rare()} risks.`;
    case 18:
      return `The ${n()} will not be ${r.pick(VERBS_PAST)} until a ${adj()} ${n()} has been ${r.pick(VERBS_PAST)}, officials said.`;
    case 19:
      return `Opposition councillors ${r.pick(VERBS_PAST)} the ${rare()} ${n()} as ${r.pick(['reckless', 'overdue', 'unfair', 'premature', 'timid'])}.`;
    case 20:
      return `${cap(rare())} and ${rare()} ${n()}s were also ${r.pick(VERBS_PAST)}, according to a ${adj()} ${n()} seen by the ${r.pick(world.outlets)}.`;
    case 21:
      return `The road between ${e.place} and ${r.pick(world.places)} was ${r.pick(VERBS_PAST)} for ${SMALL[r.int(2, 12)]} days.`;
    case 22:
      return `Asked about the ${n()}, ${e.person} said: "${cap(adj())} questions remain, and we owe people answers."`;
    case 23:
      return `The ${adj()} ${rare()} ${n()} was ${r.pick(VERBS_PAST)} by a ${adj()} ${n()} in ${MONTHS[r.int(0, 11)]} ${year()}.`;
    case 24:
      return `Volunteers from ${r.pick(world.places)} and ${r.pick(world.places)} ${r.pick(['helped', 'stayed', 'returned', 'gathered'])} ${r.pick(['overnight', 'on the weekend', 'after dark', 'at dawn'])}.`;
    case 25:
      return `No decision has been taken on the ${rare()} ${n()}, a spokesperson for ${r.pick(world.surnames)} ${r.pick(['Industries', 'Group', 'Holdings'])} said.`;
    case 0:
      return `Residents of ${e.place} have long complained about the ${adj()} state of the ${rare()} ${n()}.`;
    case 1:
      return `${e.person2}, ${r.pick(ROLES)} of ${e.org}, said the ${n()} would be ${r.pick(VERBS_PAST)} by ${r.pick(MONTHS)}.`;
    case 2:
      return `Critics argue that the ${n()} has done little to address ${adj()} ${n()} in the ${adj()} districts.`;
    case 3:
      return `The ${rare()} ${n()} was first proposed in ${year()} but was ${r.pick(VERBS_PAST)} after ${adj()} opposition from ${e.org}.`;
    case 4:
      return `"We have ${r.pick(VERBS_PAST)} the ${n()} ${r.pick(ADVERBS)} and we will keep the ${rare()} ${n()} under review," said ${other()}.`;
    case 5:
      return `${cap(r.pick(ADVERBS))}, the ${adj()} ${n()} near ${r.pick(world.places)} was ${r.pick(VERBS_PAST)} as well.`;
    case 6:
      return `According to ${e.org}, the ${n()} and the ${rare()} ${n()} were ${r.pick(VERBS_PAST)} in ${year()}.`;
    case 7:
      return `Officials did not say when the ${n()} would be ${r.pick(VERBS_PAST)}.`;
    case 8:
      return `${other()} told reporters that the ${rare()} ${n()} had been ${r.pick(VERBS_PAST)} ${r.pick(ADVERBS)}.`;
    case 9:
      return `The ${adj()} ${n()} of ${r.pick(world.places)}, which borders ${e.place}, ${r.pick(VERBS_PAST)} a ${adj()} ${rare()} ${n()} last year.`;
    case 10:
      return `In ${year()}, a similar ${n()} in ${r.pick(world.places)} cost ${r.int(2, 90)} million and took ${SMALL[r.int(2, 12)]} years.`;
    case 11:
      return `It is not the first time the ${rare()} ${n()} has been ${r.pick(VERBS_PAST)}: it was ${r.pick(VERBS_PAST)} in ${year()} and again in ${year()}.`;
    case 12:
      return `Sen. ${r.pick(world.surnames)} and Dr. ${r.pick(world.surnames)} said the ${n()} was "${adj()}, ${adj()} and ${r.pick(VERBS_PAST)} too late."`;
    default:
      return `${e.person} declined to comment on the ${adj()} ${rare()} ${n()} on ${WEEKDAYS[r.int(0, 6)]}.`;
  }
}

const BOILER_TOP = ['Home | Local | Business | Sport | Opinion', 'Share this article', 'Responsive image'];
const BOILER_BOTTOM = (outlet, year) => [
  `Sign up for the ${outlet} morning newsletter: local news in your inbox every day at 7am.`,
  `Related: more stories from the region`,
  `© ${year} ${outlet} Media Ltd. All rights reserved. | Privacy | Terms`,
];

/**
 * One document (~`target` chars) about event `e` as told by outlet `o`; records its figure
 * sentences in `facts` when given.
 */
function makeDoc(r, world, e, o, index, target, facts) {
  const outlet = world.outlets[o];
  const docDate = new Date(e.date.getTime() + r.int(0, 3) * 86400000);
  const author = world.person(r);
  const md = index % 2 === 0;
  const lines = [];
  if (md) {
    lines.push('---', `title: "${e.k.headline(e)}"`, `outlet: ${outlet}`, `author: ${author}`, `date: ${docDate.toISOString().slice(0, 10)}`, '---', '');
    lines.push(`# ${e.k.headline(e)}`, '');
  } else {
    lines.push(outlet, BOILER_TOP[0], '', e.k.headline(e), '', `By ${author} | ${WEEKDAYS[docDate.getUTCDay()]}, ${formatDate(docDate, r)}`, '', BOILER_TOP[1], '');
  }
  // Some outlets give other figures for some facts (sources disagree, as in real coverage).
  const disagree = new Set(r.chance(0.3) ? e.k.figures.filter(() => r.chance(0.5)).map((f) => f.id) : []);
  let size = lines.join('\n').length;
  let para = [];
  let first = true;
  const order = [...e.k.figures].sort(() => r() - 0.5);
  let fi = 0;
  while (size < target) {
    let s;
    // Every figure once, mostly near the top; now and then one is restated further down.
    if ((fi < order.length && r.chance(0.3)) || (fi >= order.length && r.chance(0.03))) {
      const f = order[fi++ % order.length];
      const fs = figureSentence(prng(index * 131 + fi), e, f, disagree.has(f.id));
      s = fs.text;
      facts?.push({ ...fs, event: e, source: index });
    } else s = fillerSentence(r, world, e);
    if (first) {
      s = `${e.place.toUpperCase()} — ${s}`;
      first = false;
    }
    para.push(s);
    size += s.length + 1;
    if (para.length >= r.int(3, 6)) {
      lines.push(para.join(' '), '');
      size += 1;
      para = [];
      if (r.chance(0.06)) lines.push(`Find out more about ${r.pick(world.rare)} in our guide.`, '');
    }
  }
  if (para.length) lines.push(para.join(' '), '');
  if (!md) lines.push(...BOILER_BOTTOM(outlet, docDate.getUTCFullYear()));
  return { name: `${String(index).padStart(5, '0')}-${outlet.toLowerCase().replace(/\W+/g, '-')}${md ? '.md' : '.txt'}`, text: lines.join('\n') + '\n' };
}

/**
 * Writes `total` documents: the first `split` into `<dir>/a`, the rest into `<dir>/b`, so the
 * small corpus is a prefix of the large one and both are checked with the same draft.
 */
function generateCorpus(dir, total, split, seed = 20251013) {
  // 200 events per block of 1,000 documents, 5 documents each: the first block (and so the draft)
  // is the same whatever the total.
  const world = makeWorld(seed, Math.ceil(total / 1000) * 200);
  const r = prng(seed + 99);
  const facts = [];
  let bytes = 0;
  mkdirSync(path.join(dir, 'a'), { recursive: true });
  if (total > split) mkdirSync(path.join(dir, 'b'), { recursive: true });
  for (let i = 0; i < total; i++) {
    // Events are spread out: the documents on one event are not neighbours on disk.
    const e = world.events[Math.floor(i / 1000) * 200 + (((i % 1000) * 7919) % 200)];
    const doc = makeDoc(r, world, e, (i * 31 + e.id) % world.outlets.length, i, r.int(8000, 12000), i < split ? facts : undefined);
    const buf = Buffer.from(doc.text, 'utf8');
    bytes += buf.length;
    writeFileSync(path.join(dir, i < split ? 'a' : 'b', doc.name), buf);
  }
  return { world, facts, bytes };
}

/** A ~5,000-word draft: supported, altered-figure and invented claims, plus framing sentences. */
function generateDraft(world, facts, words = 5000, seed = 4242) {
  const r = prng(seed);
  const out = ['---', 'title: "The region in figures"', 'author: Bench desk', '---', '', '# The region in figures', ''];
  let count = 0;
  let section = 0;
  const stats = { supported: 0, changed: 0, invented: 0, framing: 0 };
  while (count < words) {
    out.push(`## Part ${++section}: ${r.pick(world.places)} and beyond`, '');
    for (let p = 0; p < r.int(2, 4) && count < words; p++) {
      const sentences = [];
      for (let k = 0; k < r.int(4, 7); k++) {
        const x = r();
        let s;
        if (x < 0.4) {
          s = r.pick(facts).text;
          stats.supported++;
        } else if (x < 0.65) {
          const f = r.pick(facts);
          const v = Math.max(1, Math.round(f.value * (r.chance(0.5) ? 1.6 : 0.55)));
          const num = fmtNumber(v === f.value ? v + 1 : v, f.f.fmt, prng(v), f.event.currency);
          s = f.text.replace(f.num, num);
          stats.changed++;
        } else if (x < 0.85) {
          const e = makeEvent(r, r.int(0, 1000), {
            places: world.unseenPlaces,
            surnames: world.unseenSurnames,
            person: (rr) => `${rr.pick(FIRST_NAMES)} ${rr.pick(world.unseenSurnames)}`,
          });
          s = figureSentence(r, e, r.pick(e.k.figures), false).text;
          stats.invented++;
        } else {
          s = r.pick([
            'It remains to be seen whether any of this will last.',
            `What does this mean for ${r.pick(world.places)}?`,
            'In our view, the figures deserve a closer look.',
            'We think the story is far from over.',
            'Readers will draw their own conclusions.',
            'This piece brings together what we know so far.',
          ]);
          stats.framing++;
        }
        sentences.push(s);
        count += s.split(/\s+/).length;
      }
      out.push(sentences.join(' '), '');
    }
  }
  return { text: out.join('\n'), words: count, stats };
}

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function dirBytes(dir) {
  let n = 0;
  let files = 0;
  for (const ent of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (ent.isFile()) {
      n += statSync(path.join(ent.parentPath ?? ent.path, ent.name)).size;
      files++;
    }
  }
  return { bytes: n, files };
}

let serverRuntime;
/** The Node options and environment the language server runs with (as the VS Code client starts it). */
function runtime() {
  serverRuntime ??= runNodeJson(ENGINE, ['flags']);
  return serverRuntime;
}
const serverNodeFlags = () => runtime().flags;
const serverEnv = () => ({ ...process.env, ...runtime().env });

/** Runs `node [flags] script args` and parses the last stdout line as JSON. */
function runNodeJson(script, args, nodeFlags = []) {
  const res = spawnSync(process.execPath, [...nodeFlags, script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, cwd: ROOT, env: script === ENGINE && args[0] !== 'flags' ? serverEnv() : process.env });
  if (res.status !== 0) throw new Error(`${path.basename(script)} ${args[0]} failed (${res.status}): ${res.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  const last = res.stdout.trim().split('\n').pop();
  return JSON.parse(last);
}

function ripgrep(dirs) {
  let rgPath;
  try {
    rgPath = require('@vscode/ripgrep').rgPath;
  } catch {
    return { skipped: '@vscode/ripgrep is not installed' };
  }
  const args = ['--count-matches', '--no-messages', '-i', '--no-ignore', '--hidden', 'million|per cent|%', ...dirs];
  spawnSync(rgPath, args, { maxBuffer: 256 << 20 }); // warm the page cache as the engine run did
  const t = performance.now();
  const res = spawnSync(rgPath, args, { maxBuffer: 256 << 20 });
  const ms = performance.now() - t;
  if (res.status !== 0 && res.status !== 1) return { skipped: `rg exited ${res.status}` };
  return { ms };
}

/** Top functions by self time of a .cpuprofile. */
function summariseProfile(file, top = 25) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const self = new Map();
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  let total = 0;
  for (const [id, us] of dt) {
    const n = byId.get(id);
    const cf = n.callFrame;
    const key = `${cf.functionName || '(anonymous)'} ${path.basename(cf.url || '')}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// LSP client over stdio
// ---------------------------------------------------------------------------------------------

function serverAcceptsStdio() {
  if (!existsSync(SERVER)) return 'dist/server.js does not exist';
  const text = readFileSync(SERVER, 'utf8');
  if (!text.includes('--stdio') && !text.includes('stdio')) return 'dist/server.js does not mention --stdio';
  return undefined;
}

function offsetToPosition(text, offset) {
  let line = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, character: offset - last };
}

const withTimeout = (p, ms, what) =>
  Promise.race([p, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms).unref())]);

/**
 * Starts dist/server.js --stdio on a workspace folder, waits for the index, opens the draft and
 * measures: time to ready, hover latency during indexing, first diagnostics, edit-to-diagnostics
 * over `EDITS` one-character edits, hover latency; then a restart (warm start if the server
 * persists its index).
 */
async function lspBench(workspace, draftPath, sourcesGlobs, { restart = true } = {}) {
  const rpc = require('vscode-languageserver-protocol/node');
  const result = {};
  const first = await lspSession(rpc, workspace, draftPath, sourcesGlobs, true, result);
  Object.assign(result, first);
  if (restart && first.readyMs !== undefined) {
    const second = await lspSession(rpc, workspace, draftPath, sourcesGlobs, false, {});
    result.restartReadyMs = second.readyMs;
  }
  return result;
}

async function lspSession(rpc, workspace, draftPath, sourcesGlobs, full, out) {
  const started = performance.now();
  const profile = PROFILE_SERVER ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_SERVER)}`] : [];
  const proc = spawn(process.execPath, [...serverNodeFlags(), ...profile, SERVER, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'], env: serverEnv() });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const res = {};
  const waiters = new Set();
  const onEvent = (ev) => {
    for (const w of [...waiters]) if (w.test(ev)) (waiters.delete(w), w.resolve(ev));
  };
  const waitFor = (test, ms, what) => {
    let w;
    const p = new Promise((resolve) => (w = { test, resolve }));
    waiters.add(w);
    return withTimeout(p, ms, what).finally(() => waiters.delete(w));
  };
  const uri = pathToFileURL(draftPath).href;
  const folderUri = pathToFileURL(workspace).href;
  const settings = { sources: sourcesGlobs, checkOn: 'type' };
  let status = { state: 'indexing' };
  conn.onRequest('workspace/configuration', (p) => p.items.map((it) => (it.section === 'corroborate' || !it.section ? settings : null)));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('client/unregisterCapability', () => null);
  conn.onRequest('workspace/workspaceFolders', () => [{ uri: folderUri, name: path.basename(workspace) }]);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onRequest('workspace/semanticTokens/refresh', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.onNotification('textDocument/publishDiagnostics', (p) => onEvent({ type: 'diag', ...p, at: performance.now() }));
  conn.onNotification('corroborate/indexStatus', (p) => ((status = p), onEvent({ type: 'status', ...p })));
  conn.onNotification(() => {});
  conn.listen();
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  try {
    const init = await withTimeout(
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(workspace) }],
        // As VS Code's client does: the workspace storage, where the server persists its index.
        initializationOptions: { settings, storagePath: path.join(path.dirname(workspace), 'lsp-storage') },
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true }, diagnostics: { refreshSupport: false } },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            publishDiagnostics: { versionSupport: true, relatedInformation: true },
            diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
            hover: { contentFormat: ['markdown', 'plaintext'] },
          },
          window: { workDoneProgress: true },
        },
      }),
      30000,
      'initialize',
    );
    const caps = init.capabilities ?? {};
    const sync = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : (caps.textDocumentSync?.change ?? 1);
    const pull = !!caps.diagnosticProvider;
    res.mode = pull ? 'pull' : 'push';
    conn.sendNotification('initialized', {});
    let text = readFileSync(draftPath, 'utf8');
    let version = 1;
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });

    // Hovers while the index is being built: the server must keep answering.
    const positions = hoverPositions(text, HOVERS);
    const duringIndex = [];
    const ready = status.state === 'ready' && status.sources > 0 ? Promise.resolve() : waitFor((e) => e.type === 'status' && e.state !== 'indexing', 30 * 60000, 'index ready');
    let isReady = false;
    ready.then(() => (isReady = true), () => {});
    if (full && caps.hoverProvider) {
      for (let i = 0; !isReady && i < 1000; i++) {
        const t = performance.now();
        await withTimeout(conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: positions[i % positions.length] }), 60000, 'hover while indexing').catch(() => {});
        if (!isReady) duringIndex.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await ready;
    res.readyMs = performance.now() - started;
    res.indexStatus = { sources: status.sources, passages: status.passages };
    if (duringIndex.length) res.hoverDuringIndexP95 = percentile(duringIndex, 95);
    if (!full) return res;

    const diagnose = async (v) => {
      if (pull) {
        const r = await withTimeout(conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }), 120000, 'pull diagnostics');
        return r.items?.length ?? 0;
      }
      const ev = await waitFor((e) => e.type === 'diag' && e.uri === uri && (e.version === undefined || e.version >= v), 120000, `diagnostics for version ${v}`);
      return ev.diagnostics.length;
    };
    let t = performance.now();
    const firstDiag = diagnose(version);
    res.firstDiagnostics = await firstDiag;
    res.firstCheckMs = performance.now() - t;

    // Single-character edits at different places of the draft.
    const r = prng(99);
    const editTimes = [];
    for (let i = 0; i < EDITS; i++) {
      let at = Math.floor(r() * text.length);
      while (at < text.length && !/[a-z]/.test(text[at])) at++;
      if (at >= text.length) at = text.indexOf('the') + 1;
      const pos = offsetToPosition(text, at);
      const op = i % 3;
      let change;
      if (op === 0) {
        change = { range: { start: pos, end: pos }, text: 'x' };
        text = text.slice(0, at) + 'x' + text.slice(at);
      } else if (op === 1) {
        change = { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
        text = text.slice(0, at) + text.slice(at + 1);
      } else {
        change = { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: 'e' };
        text = text.slice(0, at) + 'e' + text.slice(at + 1);
      }
      version++;
      t = performance.now();
      const done = pull ? undefined : diagnose(version);
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [sync === 2 ? change : { text }] });
      await (pull ? diagnose(version) : done);
      editTimes.push(performance.now() - t);
    }
    res.editP50 = percentile(editTimes, 50);
    res.editP95 = percentile(editTimes, 95);

    if (caps.hoverProvider) {
      const hovers = [];
      for (const position of hoverPositions(text, HOVERS)) {
        t = performance.now();
        await withTimeout(conn.sendRequest('textDocument/hover', { textDocument: { uri }, position }), 60000, 'hover');
        hovers.push(performance.now() - t);
      }
      res.hoverP50 = percentile(hovers, 50);
      res.hoverP95 = percentile(hovers, 95);
    } else res.hoverSkipped = 'server has no hoverProvider';
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
      if (hwm) out.serverPeakRss = Number(hwm[1]) * 1024;
    } catch {}
    return res;
  } catch (e) {
    res.error = `${e.message}${stderr ? ` (server stderr: ${stderr.trim().split('\n').slice(-3).join(' | ')})` : ''}`;
    return res;
  } finally {
    await withTimeout(conn.sendRequest('shutdown'), 5000, 'shutdown').catch(() => {});
    conn.sendNotification('exit');
    await withTimeout(exited, 5000, 'server exit').catch(() => proc.kill('SIGKILL'));
    conn.dispose();
  }
}

/** Positions inside the words of prose lines, spread over the whole draft. */
function hoverPositions(text, n) {
  const lines = text.split('\n');
  const prose = [];
  lines.forEach((l, i) => {
    if (l.length > 40 && !/^(#|---|\w+:)/.test(l)) prose.push(i);
  });
  const r = prng(5);
  const out = [];
  for (let i = 0; i < n && prose.length; i++) {
    const line = prose[Math.floor((i / n) * prose.length)];
    out.push({ line, character: Math.floor(r() * lines[line].length) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Orchestration
// ---------------------------------------------------------------------------------------------

const mb = (bytes) => bytes / (1024 * 1024);
const num = (x, digits = 0) => (x === undefined || x === null || Number.isNaN(x) ? 'na' : Number(x).toFixed(digits));

async function benchSize(label, { sourcesDir, draftPath, workspace, sourcesGlobs, tmp, ripgrepDirs }) {
  log(`\n== ${label}: indexing ${sourcesDir}`);
  const { bytes, files } = dirBytes(sourcesDir);
  const row = { label, files, bytes };
  const snapshot = path.join(tmp, `snapshot-${label}.bin`);
  // The engine runs with the Node options of the language server (server/src/protocol/runtime.ts).
  const flags = [...serverNodeFlags()];
  if (PROFILE && label !== 'example') {
    const profDir = path.join(tmp, `prof-${label}`);
    mkdirSync(profDir, { recursive: true });
    flags.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
    row.profDir = profDir;
  }
  try {
    row.cold = runNodeJson(ENGINE, ['cold', '--sources', sourcesDir, '--draft', draftPath, '--snapshot', snapshot, '--edits', String(EDITS)], flags);
    log(`   docs=${row.cold.docs} passages=${row.cold.passages} load=${num(row.cold.loadMs)}ms build=${num(row.cold.buildMs)}ms check=${num(row.cold.checkMs)}ms claims=${row.cold.claims} ${JSON.stringify(row.cold.verdicts)} digest=${row.cold.digest}`);
  } catch (e) {
    row.coldError = e.message;
    log(`   cold run failed: ${e.message}`);
  }
  if (row.profDir) {
    for (const f of readdirSync(row.profDir)) {
      log(`   cpu profile ${path.join(row.profDir, f)} (top self time):`);
      log(summariseProfile(path.join(row.profDir, f)).replace(/^/gm, '     '));
      if (KEEP || PROFILE) copyFileSync(path.join(row.profDir, f), path.join(os.tmpdir(), `corroborate-bench-${label}.cpuprofile`));
    }
  }
  if (row.cold?.snapshot && existsSync(snapshot)) {
    try {
      row.warm = runNodeJson(ENGINE, ['warm', '--sources', sourcesDir, '--draft', draftPath, '--snapshot', snapshot], serverNodeFlags());
      if (row.warm.digest !== row.cold.digest) row.warm.mismatch = true;
    } catch (e) {
      row.warmError = e.message;
    }
  } else row.warmNote = 'Corpus.toSnapshot/fromSnapshot not available: warm start skipped';
  row.rg = ripgrep(ripgrepDirs ?? [sourcesDir]);
  const noServer = NO_LSP ? '--no-lsp' : serverAcceptsStdio();
  if (noServer) row.lspNote = `LSP skipped: ${noServer}`;
  else {
    log(`   LSP: starting dist/server.js --stdio on ${workspace}`);
    row.lsp = await lspBench(workspace, draftPath, sourcesGlobs);
    if (row.lsp.error) log(`   LSP error: ${row.lsp.error}`);
  }
  return row;
}

function printTable(rows) {
  const cols = [
    ['size', (r) => r.label],
    ['docs', (r) => r.cold?.docs ?? r.files],
    ['text MB', (r) => num(mb(r.bytes), 1)],
    ['passages', (r) => r.cold?.passages ?? 'na'],
    ['load ms', (r) => num(r.cold?.loadMs)],
    ['build ms', (r) => num(r.cold?.buildMs)],
    ['index MB/s', (r) => (r.cold ? num(mb(r.bytes) / (r.cold.indexMs / 1000), 1) : 'na')],
    ['rg MB/s', (r) => (r.rg?.ms ? num(mb(r.bytes) / (r.rg.ms / 1000), 0) : 'na')],
    ['idx RSS MB', (r) => (r.cold ? num(mb(r.cold.rssIndex)) : 'na')],
    ['peak RSS MB', (r) => (r.cold ? num(mb(r.cold.rssPeak)) : 'na')],
    ['rss-ratio', (r) => (r.cold ? num(r.cold.rssPeak / r.bytes, 2) : 'na')],
    ['warm ms', (r) => num(r.warm?.warmMs)],
    ['check ms', (r) => num(r.cold?.checkMs)],
    ['claims', (r) => r.cold?.claims ?? 'na'],
    ['eng-edit p50/p95', (r) => (r.cold ? `${num(r.cold.engineEditP50)}/${num(r.cold.engineEditP95)}` : 'na')],
    ['lsp-edit p50/p95', (r) => (r.lsp && !r.lsp.error ? `${num(r.lsp.editP50)}/${num(r.lsp.editP95)}` : 'na')],
    ['hover p95', (r) => num(r.lsp?.hoverP95)],
    ['srv ready ms', (r) => num(r.lsp?.readyMs)],
    ['srv RSS MB', (r) => (r.lsp?.serverPeakRss ? num(mb(r.lsp.serverPeakRss)) : 'na')],
  ];
  const cells = [cols.map((c) => c[0]), ...rows.map((r) => cols.map((c) => String(c[1](r))))];
  const widths = cols.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) => '| ' + row.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  console.log(line(cells[0]));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of cells.slice(1)) console.log(line(row));
}

async function main() {
  if (!existsSync(ENGINE)) {
    console.error('bench: dist/engine-bench.js is missing: run `npm run build` first (or `npm run bench`).');
    process.exit(2);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bench-'));
  const rows = [];
  try {
    cpSync(DIST, path.join(tmp, 'dist'), { recursive: true });
    ENGINE = path.join(tmp, 'dist', 'engine-bench.js');
    SERVER = path.join(tmp, 'dist', 'server.js');
    // The example, copied so that a server's persisted index never lands in the repository.
    const ex = path.join(tmp, 'example');
    for (const sub of ['sources', 'drafts']) {
      mkdirSync(path.join(ex, sub), { recursive: true });
      for (const f of readdirSync(path.join(ROOT, 'examples/newsroom', sub))) copyFileSync(path.join(ROOT, 'examples/newsroom', sub, f), path.join(ex, sub, f));
    }
    rows.push(await benchSize('example', { sourcesDir: path.join(ex, 'sources'), draftPath: path.join(ex, 'drafts/story.md'), workspace: ex, sourcesGlobs: ['sources/**'], tmp }));

    const max = Math.max(...SIZES);
    const ws = path.join(tmp, 'ws');
    const split = Math.min(...SIZES);
    log(`\n== generating ${max} documents (${split} + ${max - split}) and a 5,000-word draft in ${ws}`);
    const t = performance.now();
    const gen = generateCorpus(path.join(ws, 'sources'), max, split);
    const draft = generateDraft(gen.world, gen.facts);
    mkdirSync(path.join(ws, 'drafts'), { recursive: true });
    const draftPath = path.join(ws, 'drafts', 'draft.md');
    writeFileSync(draftPath, draft.text);
    log(`   ${num(mb(gen.bytes), 1)} MB in ${num(performance.now() - t)} ms; draft ${draft.words} words ${JSON.stringify(draft.stats)}`);

    for (const size of SIZES) {
      const sub = size === split ? ['a'] : ['a', 'b'];
      if (size !== split && size !== max) throw new Error('--docs takes at most two sizes');
      const globs = sub.length === 1 ? ['sources/a/**'] : ['sources/**'];
      writeFileSync(path.join(ws, '.corroborate.json'), JSON.stringify({ sources: globs }));
      const sourcesDir = sub.length === 1 ? path.join(ws, 'sources', 'a') : path.join(ws, 'sources');
      rows.push(await benchSize(String(size), { sourcesDir, draftPath, workspace: ws, sourcesGlobs: globs, tmp }));
    }
  } finally {
    if (KEEP) log(`\nkept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }

  console.log('');
  printTable(rows);
  for (const r of rows) {
    const notes = [r.coldError, r.warmError, r.warm?.mismatch && 'warm-start check differs from cold check', r.warmNote, r.rg?.skipped, r.lspNote, r.lsp?.error && `LSP: ${r.lsp.error}`].filter(Boolean);
    if (r.lsp && !r.lsp.error) notes.push(`LSP ${r.lsp.mode} diagnostics; first check ${num(r.lsp.firstCheckMs)} ms; hover while indexing p95 ${num(r.lsp.hoverDuringIndexP95)} ms; restart to ready ${num(r.lsp.restartReadyMs)} ms`);
    if (notes.length) console.log(`${r.label}: ${[...new Set(notes)].join('; ')}`);
  }
  const big = rows[rows.length - 1];
  const c = big.cold;
  const fields = {
    docs: c?.docs ?? big.files,
    'index-mb-s': c ? num(mb(big.bytes) / (c.indexMs / 1000), 1) : 'na',
    'warm-start-ms': num(big.warm?.warmMs),
    'rss-ratio': c ? num(c.rssPeak / big.bytes, 2) : 'na',
    'check-5000w-ms': num(c?.checkMs),
    'edit-p95-ms': big.lsp && !big.lsp.error ? num(big.lsp.editP95) : 'na',
    'hover-p95-ms': big.lsp && !big.lsp.error ? num(big.lsp.hoverP95) : 'na',
  };
  console.log('bench: ' + Object.entries(fields).map(([k, v]) => `${k}=${v}`).join(' '));
}

await main();
