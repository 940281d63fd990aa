import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../i18n/locale';
import { countSegments, toGsm7, type SegmentCount } from '../domain/gsm';
import { fillText } from './fill-placeholders';
import { templateNames, type TemplateName } from './message-input';

export const smsTemplateDir = path.resolve(__dirname, '../../../templates/sms');

export interface SmsInput {
  template: TemplateName;
  locale: Locale;
  merchantName: string;
  orderNumber: string;
  statusUrl: string;
  /** The first text to this number carries the opt-out line. */
  includeOptOut: boolean;
}

/** Renders SMS bodies from templates/sms/<milestone>.json, kept in GSM-7 where possible. */
export class SmsRenderer {
  private readonly templates: Map<TemplateName, Record<Locale, string>>;
  private readonly optOut: Record<Locale, string>;

  constructor(dir = smsTemplateDir) {
    const read = (name: string) =>
      JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Record<Locale, string>;
    this.templates = new Map(templateNames.map((name) => [name, read(name)]));
    this.optOut = read('opt-out');
  }

  render(input: SmsInput): { body: string; segments: SegmentCount } {
    const template = this.templates.get(input.template)?.[input.locale] ?? '';
    const merchant =
      input.merchantName.length > 30 ? `${input.merchantName.slice(0, 29)}…` : input.merchantName;
    let body = fillText(template, { merchant, order: input.orderNumber, link: input.statusUrl });
    if (input.includeOptOut) body = `${body} ${this.optOut[input.locale]}`;
    body = toGsm7(body);
    return { body, segments: countSegments(body) };
  }
}
