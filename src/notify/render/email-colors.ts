import { brandColors, contrast } from '../../web/status-page/domain/brand-colors';

export interface EmailColors {
  headerBg: string;
  headerText: string;
  buttonBg: string;
  buttonText: string;
  /** Links, progress and accents on white: always at least 4.5:1. */
  accent: string;
}

/** WCAG 2.x: user-interface components need 3:1 against what surrounds them. */
const visibleOnWhite = 3;

/**
 * The email's colours from the merchant's brand colour. A brand colour too light to stand out
 * on the white page (white, cream, pale yellow) would leave an invisible header and a
 * borderless button, so those fall back to the darkened accent; text on each is whichever of
 * white or near-black reads better.
 */
export function emailColors(primary: string): EmailColors {
  const { brand, accent } = brandColors(primary);
  const surface = contrast(brand, '#ffffff') >= visibleOnWhite ? brand : accent;
  const textOn = (bg: string) =>
    contrast(bg, '#ffffff') >= contrast(bg, '#111418') ? '#ffffff' : '#111418';
  return {
    headerBg: surface,
    headerText: textOn(surface),
    buttonBg: surface,
    buttonText: textOn(surface),
    accent,
  };
}
