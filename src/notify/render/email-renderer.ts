import { readFileSync } from 'node:fs';
import path from 'node:path';
import mjml2html from 'mjml';
import { statusLabels } from '../../i18n/status-labels';
import type { Locale } from '../../i18n/locale';
import { escapeHtml } from '../../web/html';
import { brandColors } from '../../web/status-page/domain/brand-colors';
import {
  formatCalendarDate,
  formatDateWindow,
  formatEventTime,
} from '../../web/status-page/domain/guest-time';
import { placeText } from '../../web/status-page/domain/build-status-view';
import { fillPlaceholders, fillText } from './fill-placeholders';
import {
  templateNames,
  type MessageInput,
  type RenderedEmail,
  type TemplateName,
} from './message-input';

export const emailTemplateDir = path.resolve(__dirname, '../../../templates/email');

/** Colours in the templates that stand for the merchant's (MJML strict mode wants real colours). */
const brandSentinel = /#0b0c0d/gi;
const onBrandSentinel = /#0e0f10/gi;

type Catalog = Record<string, string> & { subject: string; headline: string; intro: string };
type Messages = { common: Record<string, string> } & Record<TemplateName, Catalog>;

/** Compiles every MJML template once with strict validation; a broken template stops startup. */
export async function compileEmailTemplates(
  dir = emailTemplateDir,
): Promise<Map<TemplateName, string>> {
  const compiled = new Map<TemplateName, string>();
  for (const name of templateNames) {
    const filePath = path.join(dir, `${name}.mjml`);
    const result = await mjml2html(readFileSync(filePath, 'utf8'), {
      validationLevel: 'strict',
      filePath,
      ignoreIncludes: false,
      keepComments: false,
    });
    compiled.set(name, result.html);
  }
  return compiled;
}

function loadMessages(dir: string): Record<Locale, Messages> {
  const read = (l: Locale) =>
    JSON.parse(readFileSync(path.join(dir, 'messages', `${l}.json`), 'utf8')) as Messages;
  return { en: read('en'), es: read('es'), fr: read('fr'), de: read('de') };
}

/** Renders emails from the precompiled templates: a string fill per message, no MJML work. */
export class EmailRenderer {
  private constructor(
    private readonly templates: Map<TemplateName, string>,
    private readonly messages: Record<Locale, Messages>,
  ) {}

  static async create(dir = emailTemplateDir): Promise<EmailRenderer> {
    return new EmailRenderer(await compileEmailTemplates(dir), loadMessages(dir));
  }

  render(input: MessageInput): RenderedEmail {
    const m = this.messages[input.locale];
    const copy = m[input.template];
    const words = {
      merchant: input.merchant.branding.displayName || input.merchant.name,
      order: input.orderNumber,
    };
    const subject = fillText(copy.subject, words);
    const intro = fillText(copy.intro, words);
    const colors = brandColors(input.merchant.branding.primaryColor);
    const shipmentLines = input.shipments.map((s) => this.shipmentLine(input, s));
    const support = input.merchant.branding.supportEmail;
    const html = fillPlaceholders(this.templates.get(input.template) ?? '', {
      locale: input.locale,
      subject,
      intro,
      headline: copy.headline,
      merchant: words.merchant,
      noticeHtml: input.shipments[0]?.latest
        ? escapeHtml(`${m.common.latest}: ${shipmentLines[0]?.latest ?? ''}`)
        : '',
      wholeOrderHtml: input.wholeOrderDelivered
        ? `<strong>${escapeHtml(m.common.wholeOrder)}</strong><br />`
        : '',
      orderLabel: m.common.order,
      orderNumber: input.orderNumber,
      itemsHtml: input.items
        .map((i) => `${escapeHtml(i.quantity)} × ${escapeHtml(i.name)}`)
        .join('<br />'),
      shipmentsHtml: shipmentLines.map((l) => escapeHtml(l.summary)).join('<br />'),
      statusUrl: input.statusUrl,
      button: m.common.button,
      supportHtml: support ? `${escapeHtml(m.common.support)} ${escapeHtml(support)}<br />` : '',
      why: fillText(m.common.why ?? '', words),
      unsubscribeUrl: input.unsubscribeUrl,
      unsubscribe: m.common.unsubscribe,
    })
      .replace(brandSentinel, colors.brand)
      .replace(onBrandSentinel, colors.onBrand);
    const text = [
      copy.headline,
      '',
      intro,
      ...(input.wholeOrderDelivered ? ['', m.common.wholeOrder] : []),
      '',
      `${m.common.order} ${input.orderNumber}`,
      ...input.items.map((i) => `- ${i.quantity} × ${i.name}`),
      '',
      ...shipmentLines.map((l) => l.summary),
      '',
      `${m.common.button}: ${input.statusUrl}`,
      '',
      fillText(m.common.why ?? '', words),
      `${m.common.unsubscribe}: ${input.unsubscribeUrl}`,
    ].join('\n');
    return { subject, html, text };
  }

  private shipmentLine(input: MessageInput, s: MessageInput['shipments'][number]) {
    const m = this.messages[input.locale].common;
    const parts = [`${s.carrierName} ${s.trackingNumber}: ${statusLabels[input.locale][s.status]}`];
    if (s.eta && s.status !== 'delivered')
      parts.push(`${m.eta}: ${formatCalendarDate(s.eta, input.locale)}`);
    else if (s.estimate?.source === 'porchlight' && s.status !== 'delivered')
      parts.push(
        `${m.estimateOurs}: ${formatDateWindow(s.estimate.from, s.estimate.to, input.locale)}`,
      );
    const latest = s.latest
      ? [
          s.latest.text,
          placeText(s.latest.location),
          formatEventTime(s.latest.at, input.locale, input.timeZone),
        ]
          .filter(Boolean)
          .join(' · ')
      : undefined;
    return { summary: parts.join(' · '), latest };
  }
}
