import { contrast } from '../../web/status-page/domain/brand-colors';

/** WCAG 2.x: 4.5:1 for text, 3:1 for the edge of a button or header against the page. */
const textMinimum = 4.5;
const componentMinimum = 3;

const ratio = (value: number) => `${value.toFixed(1)}:1`;

/**
 * What a brand colour does to readability, in words a shop owner can act on. Emails and pages
 * adapt (dark text on light colours, a darker accent on white), so these say what will happen
 * rather than refuse the colour.
 */
export function brandContrastWarnings(color: string): string[] {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return [];
  const warnings: string[] = [];
  const onWhite = contrast(color, '#ffffff');
  const withWhiteText = onWhite;
  const withDarkText = contrast(color, '#111418');
  if (withWhiteText < textMinimum && withDarkText < textMinimum)
    warnings.push(
      `Neither white (${ratio(withWhiteText)}) nor dark text (${ratio(withDarkText)}) is easy to read on this colour; text on buttons needs ${textMinimum}:1. Pick a darker or a lighter shade.`,
    );
  else if (withWhiteText < textMinimum)
    warnings.push(
      `White text on this colour is hard to read (${ratio(withWhiteText)}, needs ${textMinimum}:1), so buttons and headers will use dark text instead.`,
    );
  if (onWhite < componentMinimum)
    warnings.push(
      `This colour is too light to stand out on a white page (${ratio(onWhite)}, needs ${componentMinimum}:1): emails will draw headers and buttons in a darker shade of it, and links will be darker too.`,
    );
  return warnings;
}
