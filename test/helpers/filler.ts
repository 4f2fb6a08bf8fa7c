/**
 * Unrelated text to add to a test corpus, so that word rarity in it looks like a real one (in a
 * corpus of two sentences every word is rare).
 */
export const FILLER = [
  'The regional orchestra played four concerts in the old town hall during the winter season.',
  'Farmers in the valley reported a late harvest because of a cold and wet spring.',
  'The district library added a reading room for children and extended its opening hours.',
  'A new cycle path now links the railway station with the university campus.',
  'The football club appointed a former goalkeeper as its youth coach.',
  'Volunteers cleaned the river banks and collected more than two tonnes of rubbish.',
].join('\n');
