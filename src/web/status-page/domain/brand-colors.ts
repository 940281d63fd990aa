/** Relative luminance of a #rrggbb colour (WCAG 2.x). */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function darken(hex: string, factor: number): string {
  return `#${[1, 3, 5]
    .map((i) =>
      Math.round(parseInt(hex.slice(i, i + 2), 16) * factor)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * Colours derived from the merchant's brand colour that always keep WCAG AA contrast:
 * text on the brand bar, and an accent dark enough for links and the progress bar on white.
 */
export function brandColors(primary: string): { brand: string; onBrand: string; accent: string } {
  const onBrand = contrast(primary, '#ffffff') >= 4.5 ? '#ffffff' : '#111418';
  let accent = primary;
  for (let i = 0; i < 20 && contrast(accent, '#ffffff') < 4.6; i++) accent = darken(accent, 0.85);
  return { brand: primary, onBrand, accent };
}
