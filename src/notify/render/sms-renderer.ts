import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../i18n/locale';
import { isolate } from '../../i18n/typography';
import type { Branding } from '../../merchants/merchant';
import { countSegments, toGsm7, type SegmentCount } from '../domain/gsm';
import { gsmBrand, shortenBrand } from '../domain/sms-brand';
import { fillText } from './fill-text';
import { memo } from './memo';
import { calendarDate } from './message-dates';
import { templateNames, type MessageInput, type TemplateName } from './message-input';

export const smsTemplateDir = path.resolve(__dirname, '../../../templates/sms');

/** Every text stays within two segments: 306 GSM-7 septets or 134 UCS-2 code units. */
export const maxSegments = 2;
/** A brand shortened below this no longer reads as a name; the next candidate is tried instead. */
const minBrand = 8;

export interface SmsInput {
  template: TemplateName;
  locale: Locale;
  /** Names the shop goes by, best first (display name, account name, support domain). */
  brands: string[];
  orderNumber: string;
  statusUrl: string;
  /** The new estimated date (YYYY-MM-DD) the delay text announces. */
  eta?: string;
  /** The first text to this number carries the brand, rates and HELP/STOP wording. */
  includeOptOut: boolean;
}

export interface RenderedSms {
  body: string;
  segments: SegmentCount;
}

interface Common {
  firstText: string;
  newDate: string;
  unnamedShop: string;
}

function host(url?: string): string | undefined {
  try {
    return url ? new URL(url).hostname.replace(/^www\./, '') : undefined;
  } catch {
    return undefined;
  }
}

/** Shop names the SMS prefix may use, in order: what guests see first, then plainer spellings. */
export function smsBrands(merchant: { name: string; branding: Branding }): string[] {
  return [
    merchant.branding.displayName,
    merchant.name,
    host(merchant.branding.supportUrl),
    merchant.branding.supportEmail?.split('@')[1],
  ].filter((b): b is string => Boolean(b?.trim()));
}

/** The SMS a composed message becomes. */
export function smsInputFor(message: MessageInput, includeOptOut: boolean): SmsInput {
  return {
    template: message.template,
    locale: message.locale,
    brands: smsBrands(message.merchant),
    orderNumber: message.orderNumber,
    statusUrl: message.statusUrl,
    eta: message.shipments.find((s) => s.eta)?.eta,
    includeOptOut,
  };
}

/**
 * Renders SMS bodies from templates/sms/<milestone>.json within two segments for any shop name:
 * the brand prefix is spelled in GSM-7 where that keeps it recognisable (accents and emoji
 * dropped, "Ł" as "L"), kept as written when only UCS-2 can carry it and it fits, and shortened
 * before anything else is.
 */
export class SmsRenderer {
  private readonly templates: Map<TemplateName, Record<Locale, string>>;
  private readonly common: Record<Locale, Common>;

  constructor(dir = smsTemplateDir) {
    const read = <T>(name: string) =>
      JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Record<Locale, T>;
    this.templates = new Map(templateNames.map((name) => [name, read<string>(name)]));
    this.common = read<Common>('common');
  }

  render(input: SmsInput): RenderedSms {
    const common = this.common[input.locale];
    const text: SmsText = {
      template: this.templates.get(input.template)?.[input.locale] ?? '',
      order: input.orderNumber,
      link: input.statusUrl,
      eta: input.eta
        ? fillText(common.newDate, { date: calendarDate(input.eta, input.locale) })
        : '',
      optOut: input.includeOptOut ? common.firstText : undefined,
    };
    const spelled = input.brands.map((b) => spelledBrand(b)).filter(Boolean);
    const original = input.brands[0];
    return (
      fit(spelled[0], text) ??
      (original ? fit(original, text, isolate) : undefined) ??
      spelled.slice(1).reduce<RenderedSms | undefined>((r, b) => r ?? fit(b, text), undefined) ??
      fit(common.unnamedShop, text) ?? {
        body: compose(text, ''),
        segments: countSegments(compose(text, '')),
      }
    );
  }
}

/** A shop's GSM-7 spelling ('' for none); shops send many texts under the same few names. */
const spelledBrand = memo((name: string) => gsmBrand(name) ?? '');

/** One text's words apart from the brand, which is fitted last. */
interface SmsText {
  template: string;
  order: string;
  link: string;
  eta: string;
  optOut?: string;
}

function compose(text: SmsText, brand: string): string {
  const body = fillText(text.template, {
    merchant: brand,
    order: text.order,
    link: text.link,
    eta: text.eta,
  }).replace(/ {2,}/g, ' ');
  return toGsm7(text.optOut === undefined ? body : `${body} ${text.optOut}`);
}

const asWritten = (brand: string) => brand;

/** The message with `brand` shortened just enough to fit two segments, or undefined. */
function fit(
  brand: string | undefined,
  text: SmsText,
  wrap: (brand: string) => string = asWritten,
): RenderedSms | undefined {
  if (!brand) return undefined;
  const length = [...brand].length;
  let max = length;
  while (max >= Math.min(minBrand, length)) {
    const body = compose(text, wrap(shortenBrand(brand, max)));
    const segments = countSegments(body);
    if (segments.segments <= maxSegments) return { body, segments };
    const limit = segments.encoding === 'GSM-7' ? 153 * maxSegments : 67 * maxSegments;
    max = Math.min(max - 1, max - (segments.units - limit));
    if (max < 1) break;
  }
  return undefined;
}
