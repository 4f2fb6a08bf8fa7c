import type { IndexedSource } from '../corpus';
import { countryOf } from '../facts/entities';
import { fold, wordKey, type Token } from '../text/tokens';

/**
 * Aliases learned from the sources themselves: an apposition such as "Venezuelan President
 * Nicolás Maduro" or "Kremlin spokesman Dmitry Peskov" lets "the Venezuelan leader" stand for
 * Maduro (and the reverse) in that source. Nothing here is keyed to a corpus: the titles are
 * general English, the demonyms come from the country tables.
 */

/** Titles of heads of state and government all mean "the leader" of a country. */
const LEADER = new Set(['president', 'prime minister', 'premier', 'leader', 'chancellor', 'king', 'queen', 'emir', 'head of state', 'dictator', 'strongman']);
const TITLES = 'President|Prime Minister|Premier|leader|Chancellor|King|Queen|Emir|Foreign Minister|Defence Minister|Defense Minister|spokesman|spokeswoman|spokesperson|minister|ambassador|envoy|foreign minister';
const APPOSITION = new RegExp(`\\b(\\p{Lu}[\\p{L}]+)\\s+(${TITLES})\\s+((?:\\p{Lu}[\\p{L}'’.-]*\\s+){0,2}\\p{Lu}[\\p{L}'’-]+)`, 'gu');

/** Role key of a title: heads of state fold into "leader". */
function roleKey(title: string): string {
  const t = fold(title);
  return LEADER.has(t) ? 'leader' : wordKey(t.split(' ').pop()!);
}

/** "who" key of the word before a title: a country code for demonyms and names, else the word. */
function whoKey(word: string): string {
  const c = countryOf(word);
  return c ? 'country:' + c : wordKey(fold(word));
}

export function aliasKey(who: string, role: string): string {
  return `alias:${who}:${role}`;
}

const cache = new WeakMap<IndexedSource, Map<string, Set<string>>>();

/** Alias key ("alias:country:VEN:leader") → surname keys ("maduro") learned from one source. */
export function aliasesOf(src: IndexedSource): Map<string, Set<string>> {
  let table = cache.get(src);
  if (!table) {
    table = new Map();
    APPOSITION.lastIndex = 0;
    for (let m = APPOSITION.exec(src.doc.text); m; m = APPOSITION.exec(src.doc.text)) {
      const key = aliasKey(whoKey(m[1]), roleKey(m[2]));
      const surname = wordKey(fold(m[3].trim().split(/\s+/).pop()!.replace(/['’]s$/, '')));
      let set = table.get(key);
      if (!set) table.set(key, (set = new Set()));
      set.add(surname);
    }
    // Most sources define no alias: they share one empty table (a Map each was 1 MB at 10,000).
    cache.set(src, table.size > 0 ? table : NO_ALIASES);
  }
  return table;
}

const NO_ALIASES: Map<string, Set<string>> = new Map();

/** Alias keys a claim's tokens may stand for: "Venezuelan leader" → aliasKey(VEN, leader), per token. */
export function claimAliasKeys(tokens: readonly Token[], text: string, offset: number): Map<Token, string> {
  const out = new Map<Token, string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    // Two-word titles ("prime minister") and one-word ones.
    for (const n of [2, 1]) {
      const last = tokens[i + n];
      if (!last) continue;
      const title = text.slice(tokens[i + 1].start - offset, last.end - offset);
      if (!new RegExp(`^(${TITLES})$`, 'i').test(title)) continue;
      const key = aliasKey(whoKey(a.text), roleKey(title));
      out.set(a, key);
      for (let j = i + 1; j <= i + n; j++) out.set(tokens[j], key);
      break;
    }
  }
  return out;
}
