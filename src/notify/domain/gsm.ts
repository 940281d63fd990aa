/** GSM 03.38 basic character set; anything else forces UCS-2 (70 characters a segment). */
const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Extension characters cost two septets each (escape + char). */
const extension = '^{}\\[~]|€\f';

/**
 * Septets per UTF-16 code unit: 1 for the basic set, 2 for the extension, 0 for anything else.
 * Every GSM character is a single code unit, so texts are scanned without splitting them into
 * characters; surrogate halves (emoji) read 0, as their characters are not GSM either.
 */
const septets = new Uint8Array(0x10000);
for (const c of basic) septets[c.charCodeAt(0)] = 1;
for (const c of extension) septets[c.charCodeAt(0)] = 2;

export function isGsm7(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (septets[text.charCodeAt(i)] === 0) return false;
  return true;
}

/** Typographic characters carriers would otherwise turn into UCS-2, mapped to GSM look-alikes. */
const lookAlikes: Record<string, string> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
};

/** One character outside GSM-7 as its closest GSM spelling, or as it is when there is none. */
function gsmSpelling(c: string): string {
  if (lookAlikes[c]) return lookAlikes[c];
  const stripped = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return isGsm7(stripped) ? stripped : c;
}

/**
 * Keeps a message in GSM-7 where a close equivalent exists (á -> a, ’ -> '), so a localized
 * SMS costs half as many segments; characters with no equivalent (emoji) are left as they are.
 * Runs already in GSM-7 are copied as they are: most of a message is.
 */
export function toGsm7(text: string): string {
  let spelled = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    if (septets[text.charCodeAt(i)] !== 0) continue;
    const c = String.fromCodePoint(text.codePointAt(i)!);
    spelled += text.slice(copied, i) + gsmSpelling(c);
    i += c.length - 1;
    copied = i + 1;
  }
  return copied === 0 ? text : spelled + text.slice(copied);
}

export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  segments: number;
}

/** How many SMS segments a text needs (160/153 septets in GSM-7, 70/67 code units in UCS-2). */
export function countSegments(text: string): SegmentCount {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const n = septets[text.charCodeAt(i)]!;
    if (n === 0) {
      units = text.length; // UTF-16 code units, as UCS-2 counts them
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
    units += n;
  }
  return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
}
