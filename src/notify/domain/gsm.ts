/** GSM 03.38 basic character set; anything else forces UCS-2 (70 characters a segment). */
const basic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Extension characters cost two septets each (escape + char). */
const extension = '^{}\\[~]|€\f';
const basicSet = new Set(basic);
const extensionSet = new Set(extension);

export function isGsm7(text: string): boolean {
  return [...text].every((c) => basicSet.has(c) || extensionSet.has(c));
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

/**
 * Keeps a message in GSM-7 where a close equivalent exists (á -> a, ’ -> '), so a localized
 * SMS costs half as many segments; characters with no equivalent (emoji) are left as they are.
 */
export function toGsm7(text: string): string {
  return [...text]
    .map((c) => {
      if (basicSet.has(c) || extensionSet.has(c)) return c;
      if (lookAlikes[c]) return lookAlikes[c];
      const stripped = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      return [...stripped].every((s) => basicSet.has(s)) ? stripped : c;
    })
    .join('');
}

export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  segments: number;
}

/** How many SMS segments a text needs (160/153 septets in GSM-7, 70/67 code units in UCS-2). */
export function countSegments(text: string): SegmentCount {
  if (isGsm7(text)) {
    const units = [...text].reduce((n, c) => n + (extensionSet.has(c) ? 2 : 1), 0);
    return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length; // UTF-16 code units, as UCS-2 counts them
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
