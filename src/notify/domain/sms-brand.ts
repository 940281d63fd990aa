import { isGsm7, toGsm7 } from './gsm';

/** Latin letters that have no accent to strip but a plain spelling everyone reads. */
const transliterations: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'Th',
  þ: 'th',
  ð: 'd',
  ŀ: 'l',
  ĸ: 'k',
};

const wordChar = /[\p{L}\p{N}]/gu;

/**
 * A GSM-7 spelling of a shop's name for the SMS prefix, or undefined when too little of the
 * name survives to be recognised. "Café ☕ Łódź" becomes "Cafe Lodz"; "متجر" has no spelling.
 * Kept only when at least half of the name's letters and digits remain.
 */
export function gsmBrand(name: string): string | undefined {
  const spelled = toGsm7([...name].map((c) => transliterations[c] ?? c).join(''));
  const kept = [...spelled]
    .filter((c) => isGsm7(c))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\-.,:;|]+|[\s\-.,:;|]+$/g, '');
  const before = name.match(wordChar)?.length ?? 0;
  const after = kept.match(wordChar)?.length ?? 0;
  return after >= 1 && after * 2 >= before ? kept : undefined;
}

/** Shortens a brand to at most `max` characters, ending in "..." when cut (GSM-7 has no "…"). */
export function shortenBrand(brand: string, max: number): string {
  const chars = [...brand];
  if (chars.length <= max) return brand;
  return `${chars
    .slice(0, Math.max(1, max - 3))
    .join('')
    .trimEnd()}...`;
}
