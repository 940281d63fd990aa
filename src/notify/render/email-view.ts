import { guestPageText, type AdviceKind } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { statusLabels } from '../../i18n/status-labels';
import type { ShipmentStatus } from '../../tracking/domain/taxonomy';
import { isolate, labelled, localPunctuation } from '../../i18n/typography';
import { placeText, webLink } from '../../web/status-page/domain/build-status-view';
import { deliveryProgress } from '../../web/status-page/domain/delivery-progress';
import { emailColors, type EmailColors } from './email-colors';
import { fillText } from './fill-text';
import { memo } from './memo';
import { calendarDate, dateWindow, eventTime } from './message-dates';
import type { MessageInput, ShipmentSummary, TemplateName } from './message-input';

interface Catalog {
  subject: string;
  headline: string;
  intro: string;
}
/** templates/email/messages/<locale>.json */
export type EmailCopy = { common: Record<string, string> } & Record<TemplateName, Catalog>;

interface Link {
  label: string;
  url: string;
}

/** Everything the email template and its plain-text part show, already worded and escaped-to-be. */
export interface EmailView {
  lang: Locale;
  subject: string;
  preheader: string;
  merchant: string;
  logoUrl?: string;
  colors: EmailColors;
  greeting?: string;
  headline: string;
  intro: string;
  /** What happened and what the guest can do, or the latest update. */
  notice: Array<{ heading: string; body: string }>;
  eta?: { label: string; date: string };
  progress: { text: string; steps: Array<{ label: string; bar: string; weight: string }> };
  parcels?: string;
  wholeOrder?: string;
  cta: Link;
  secondary?: Link;
  shipments: Array<{
    status: string;
    carrier: string;
    trackingLabel: string;
    trackingNumber: string;
    trackingUrl?: string;
  }>;
  orderTitle: string;
  items: Array<{ name: string; quantity: number; imageUrl?: string }>;
  hasImages: boolean;
  moreItems?: string;
  support?: { text: string; email?: string; url?: string; urlLabel: string };
  why: string;
  unsubscribe: Link;
}

/** A parcel waiting at a pickup point, delivered or going back has no delivery date to show. */
const noEstimate: readonly ShipmentStatus[] = [
  'available_for_pickup',
  'delivered',
  'returned_to_sender',
  'cancelled',
];

/** Items listed before "+N more": enough to recognise the parcel, short enough for a phone. */
export const shownItems = 3;

/** Milestones whose email explains a problem and points to the shop rather than to tracking. */
const problemMilestones: readonly TemplateName[] = [
  'exception',
  'failed_attempt',
  'returned_to_sender',
];
const adviceFor: Partial<Record<TemplateName, AdviceKind>> = {
  exception: 'exception',
  failed_attempt: 'failed_attempt',
  available_for_pickup: 'available_for_pickup',
  returned_to_sender: 'returned_to_sender',
  delayed: 'delayed',
  stalled: 'stalled',
};

/** The carrier's date when it gave one; else Porchlight's own window, labelled as ours. */
function deliveryLine(
  first: MessageInput['shipments'][number] | undefined,
  locale: Locale,
  carrierLabel: string,
  oursLabel: string,
): EmailView['eta'] {
  if (!first || noEstimate.includes(first.status)) return undefined;
  if (first.eta) return { label: carrierLabel, date: calendarDate(first.eta, locale) };
  if (first.estimate?.source === 'porchlight')
    return {
      label: oursLabel,
      date: dateWindow(first.estimate.from, first.estimate.to, locale),
    };
  return undefined;
}

/** "Needs attention: Address incomplete · Lyon · Tue, Mar 3, 14:14": our words before the carrier's. */
export function latestLine(
  s: ShipmentSummary,
  locale: Locale,
  timeZone: string,
): string | undefined {
  if (!s.latest) return undefined;
  const label = statusLabels[locale][s.latest.status ?? s.status];
  const said = s.latest.text.trim();
  // "Delivered: Delivered, front door" says it twice; the carrier's words suffice then.
  const what = !said
    ? label
    : said.toLowerCase().startsWith(label.toLowerCase())
      ? said
      : labelled(label, said, locale);
  return [what, placeText(s.latest.location), eventTime(s.latest.at, locale, timeZone)]
    .filter(Boolean)
    .join(' · ');
}

function links(
  input: MessageInput,
  c: EmailCopy['common'],
  merchant: string,
  contact: string | undefined,
): Pick<EmailView, 'cta' | 'secondary'> {
  const { supportEmail } = input.merchant.branding;
  if (input.template === 'delivered') {
    const details = { label: c.deliveryDetails ?? '', url: input.statusUrl };
    const subject = fillText(c.problemSubject ?? '', { order: input.orderNumber });
    const report = supportEmail
      ? `mailto:${supportEmail}?subject=${encodeURIComponent(subject)}`
      : contact;
    return report
      ? { cta: { label: c.reportProblem ?? '', url: report }, secondary: details }
      : { cta: details };
  }
  if (problemMilestones.includes(input.template)) {
    const happened = { label: c.seeWhatHappened ?? '', url: input.statusUrl };
    return contact
      ? {
          cta: { label: guestPageText[input.locale].contactMerchant(merchant), url: contact },
          secondary: happened,
        }
      : { cta: happened };
  }
  return { cta: { label: c.button ?? '', url: input.statusUrl } };
}

/** What the guest can do in this situation: the same words in every such email. */
const adviceText = memo((locale: Locale, kind: AdviceKind) =>
  localPunctuation(guestPageText[locale].advice[kind].body, locale),
);

function notice(input: MessageInput, copy: EmailCopy): EmailView['notice'] {
  const first = input.shipments[0];
  const latest = first && latestLine(first, input.locale, input.timeZone);
  const advice = adviceFor[input.template];
  const problem = problemMilestones.includes(input.template);
  const entries: EmailView['notice'] = [];
  if (latest)
    entries.push({
      heading: problem ? (copy.common.whatHappened ?? '') : (copy.common.latest ?? ''),
      body: latest,
    });
  if (advice)
    entries.push({ heading: copy.common.whatToDo ?? '', body: adviceText(input.locale, advice) });
  return entries;
}

/**
 * The progress bar for a status and the statuses seen before it (joined with commas), in the
 * shop's accent: a handful of combinations serve every message, so each is built once and
 * shared, read-only, by the views that show it.
 */
const progressBar = memo(
  (locale: Locale, accent: string, status: ShipmentStatus, seen: string): EmailView['progress'] => {
    const statuses = seen ? (seen.split(',') as ShipmentStatus[]) : [];
    const p = deliveryProgress(status, statuses, guestPageText[locale]);
    return {
      text: localPunctuation(p.text, locale),
      steps: p.steps.map((s) => ({
        label: s.label,
        bar: s.state === 'upcoming' ? '#d0d7de' : accent,
        weight: s.state === 'current' ? '700' : '400',
      })),
    };
  },
);

function progress(input: MessageInput, accent: string): EmailView['progress'] {
  const first = input.shipments[0];
  const seen = first?.seenStatuses?.join(',') ?? '';
  return progressBar(input.locale, accent, first?.status ?? 'pending', seen);
}

/** Builds the words and links of one email; pure, so every wording rule is a unit test. */
export function emailView(input: MessageInput, copy: EmailCopy): EmailView {
  const c = copy.common;
  const catalog = copy[input.template];
  const { locale } = input;
  const page = guestPageText[locale];
  const name = input.merchant.branding.displayName || input.merchant.name;
  const merchant = isolate(name);
  const words = { merchant, order: input.orderNumber };
  const firstName = input.guestName?.trim().split(/\s+/)[0];
  const first = input.shipments[0];
  const { supportEmail, supportUrl } = input.merchant.branding;
  const supportLink = webLink(supportUrl) ?? undefined;
  const contact = supportLink ?? (supportEmail ? `mailto:${supportEmail}` : undefined);
  const parcels = input.parcels;
  const colors = emailColors(input.merchant.branding.primaryColor);
  const { cta, secondary } = links(input, c, merchant, contact);
  const items = input.items.slice(0, shownItems).map((i) => ({
    name: i.name,
    quantity: i.quantity,
    imageUrl: webLink(i.imageUrl) ?? undefined,
  }));
  return {
    lang: locale,
    subject: fillText(catalog.subject, words),
    preheader: fillText(catalog.intro, words),
    merchant: name,
    logoUrl: webLink(input.merchant.branding.logoUrl) ?? undefined,
    colors,
    greeting: firstName ? fillText(c.greeting ?? '', { name: isolate(firstName) }) : undefined,
    headline: catalog.headline,
    intro: fillText(catalog.intro, words),
    notice: notice(input, copy),
    eta: deliveryLine(first, locale, page.estimatedDelivery, c.estimateOurs ?? ''),
    progress: progress(input, colors.accent),
    parcels:
      parcels && parcels.total > 1 && parcels.delivered > 0
        ? fillText(c.parcels ?? '', {
            delivered: String(parcels.delivered),
            total: String(parcels.total),
          })
        : undefined,
    wholeOrder: input.wholeOrderDelivered ? c.wholeOrder : undefined,
    cta,
    secondary,
    shipments: input.shipments.map((s) => ({
      status: statusLabels[locale][s.status],
      carrier: s.carrierName,
      trackingLabel: page.trackingNumber,
      trackingNumber: s.trackingNumber,
      trackingUrl: webLink(s.trackingUrl) ?? undefined,
    })),
    orderTitle: `${c.order} ${input.orderNumber}`,
    items,
    hasImages: items.some((i) => i.imageUrl),
    moreItems:
      input.items.length > shownItems
        ? fillText(c.moreItems ?? '', { count: String(input.items.length - shownItems) })
        : undefined,
    support:
      supportEmail || supportUrl
        ? {
            text: c.support ?? '',
            email: supportEmail,
            url: supportLink,
            urlLabel: page.helpCenter,
          }
        : undefined,
    why: fillText(c.why ?? '', words),
    unsubscribe: { label: c.unsubscribe ?? '', url: input.unsubscribeUrl },
  };
}
