/** English number words → values ("eight million", "twenty-five", "a dozen", "third"). */

export const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  dozen: 12, dozens: 24, hundred: 100, hundreds: 200,
};

export const SCALES: Record<string, number> = {
  hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mn: 1e6, mln: 1e6, bn: 1e9, b: 1e9, tn: 1e12,
};

export const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, twentieth: 20, thirtieth: 30,
};

/** Value of a run of number words such as "twenty-five", "eight million", "three hundred". */
export function wordsToNumber(words: string[]): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const raw of words) {
    for (const w of raw.toLowerCase().split('-')) {
      if (w === 'and' || w === 'a' || w === 'an') {
        if (!seen && (w === 'a' || w === 'an')) current = 1;
        continue;
      }
      if (w in UNITS && w !== 'hundred' && w !== 'hundreds' && w !== 'dozen' && w !== 'dozens') {
        current += UNITS[w];
        seen = true;
      } else if (w === 'dozen' || w === 'dozens') {
        current = (current || 1) * 12;
        seen = true;
      } else if (w === 'hundred' || w === 'hundreds') {
        current = (current || 1) * 100;
        seen = true;
      } else if (w in SCALES && w.length > 2) {
        total += (current || 1) * SCALES[w];
        current = 0;
        seen = true;
      } else {
        return undefined;
      }
    }
  }
  return seen ? total + current : undefined;
}
