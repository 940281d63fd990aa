import { guestPageText } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { statusLabels } from '../../i18n/status-labels';
import { shipmentStatuses, type ShipmentStatus } from '../../tracking/domain/taxonomy';
import { isolate, labelled, localPunctuation } from '../../i18n/typography';
import { placeText, webLink } from '../../web/status-page/domain/build-status-view';
import { deliveryProgress } from '../../web/status-page/domain/delivery-progress';
import { emailColors, type EmailColors } from './email-colors';
import { problemMilestones, type EmailCopy, type EmailWording } from './email-wording';
import { fillText } from './fill-text';
import { memo } from './memo';
import { calendarDate, dateWindow, eventTime } from './message-dates';
import type { MessageInput, ShipmentSummary } from './message-input';

interface Link {
  label: string;
  url: string;
}

/**
 * Everything the email template and its plain-text part show, already worded and escaped-to-be:
 * this message's own parts, and the words every email of its milestone and language shares.
 */
export interface EmailView {
  copy: EmailWording;
  subject: string;
  preheader: string;
  merchant: string;
  logoUrl?: string;
  colors: EmailColors;
  greeting?: string;
  intro: string;
  /** The carrier's latest scan, in our words first. */
  latest?: string;
  eta?: { label: string; date: string };
  /** The steps' colours and weights are the markup's: upcoming steps grey, the current one bold. */
  progress: { text: string; steps: Array<{ label: string; upcoming: boolean; current: boolean }> };
  parcels?: string;
  wholeOrder?: string;
  cta: Link;
  secondary?: Link;
  shipments: Array<{
    status: string;
    carrier: string;
    trackingNumber: string;
    trackingUrl?: string;
  }>;
  orderTitle: string;
  items: Array<{ name: string; quantity: number; imageUrl?: string }>;
  hasImages: boolean;
  moreItems?: string;
  /** The shop's contact, when it gave one. */
  support?: { email?: string; url?: string };
  why: string;
  unsubscribeUrl: string;
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
  let line = '';
  for (const part of [what, placeText(s.latest.location), eventTime(s.latest.at, locale, timeZone)])
    if (part) line = line ? `${line} · ${part}` : part;
  return line;
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

/** Each status as one bit, so the statuses a parcel has seen are one number. */
const statusBit = new Map<string, number>(shipmentStatuses.map((s, i) => [s, 2 ** i]));

/**
 * The progress bar for a status and the statuses seen before it (one bit each): a handful of
 * combinations serve every message, so each is built once and shared, read-only, by the views
 * that show it.
 */
const progressBar = memo(
  (locale: Locale, status: ShipmentStatus, seen: number): EmailView['progress'] => {
    const statuses = shipmentStatuses.filter((s) => (seen & statusBit.get(s)!) !== 0);
    const p = deliveryProgress(status, statuses, guestPageText[locale]);
    return {
      text: localPunctuation(p.text, locale),
      steps: p.steps.map((s) => ({
        label: s.label,
        upcoming: s.state === 'upcoming',
        current: s.state === 'current',
      })),
    };
  },
);

function progress(input: MessageInput): EmailView['progress'] {
  const first = input.shipments[0];
  let seen = 0;
  for (const s of first?.seenStatuses ?? []) seen |= statusBit.get(s) ?? 0;
  return progressBar(input.locale, first?.status ?? 'pending', seen);
}

/**
 * The parcels and items the email lists. They are pushed rather than mapped: V8's map() returns
 * packed or holey arrays depending on whether it was optimized, and each switch de-optimizes the
 * template and the text that read them.
 */
function lists(input: MessageInput): Pick<EmailView, 'items' | 'shipments'> {
  const items: EmailView['items'] = [];
  for (const i of input.items.slice(0, shownItems))
    items.push({ name: i.name, quantity: i.quantity, imageUrl: webLink(i.imageUrl) ?? undefined });
  const shipments: EmailView['shipments'] = [];
  for (const s of input.shipments)
    shipments.push({
      status: statusLabels[input.locale][s.status],
      carrier: s.carrierName,
      trackingNumber: s.trackingNumber,
      trackingUrl: webLink(s.trackingUrl) ?? undefined,
    });
  return { items, shipments };
}

/** The guest's first name: the name's first word, found without splitting the rest. */
function firstWord(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  const end = trimmed.search(/\s/);
  return end < 0 ? trimmed : trimmed.slice(0, end);
}

/** Builds the words and links of one email; pure, so every wording rule is a unit test. */
export function emailView(input: MessageInput, copy: EmailCopy, wording: EmailWording): EmailView {
  const c = copy.common;
  const catalog = copy[input.template];
  const { locale } = input;
  const page = guestPageText[locale];
  const name = input.merchant.branding.displayName || input.merchant.name;
  const merchant = isolate(name);
  const words = { merchant, order: input.orderNumber };
  const firstName = firstWord(input.guestName);
  const first = input.shipments[0];
  const { supportEmail, supportUrl } = input.merchant.branding;
  const supportLink = webLink(supportUrl) ?? undefined;
  const contact = supportLink ?? (supportEmail ? `mailto:${supportEmail}` : undefined);
  const parcels = input.parcels;
  const colors = emailColors(input.merchant.branding.primaryColor);
  const { cta, secondary } = links(input, c, merchant, contact);
  const { items, shipments } = lists(input);
  const latest = first && latestLine(first, locale, input.timeZone);
  const intro = fillText(catalog.intro, words);
  return {
    copy: wording,
    subject: fillText(catalog.subject, words),
    preheader: intro,
    merchant: name,
    logoUrl: webLink(input.merchant.branding.logoUrl) ?? undefined,
    colors,
    greeting: firstName ? fillText(c.greeting ?? '', { name: isolate(firstName) }) : undefined,
    intro,
    latest: latest || undefined,
    eta: deliveryLine(first, locale, page.estimatedDelivery, c.estimateOurs ?? ''),
    progress: progress(input),
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
    shipments,
    orderTitle: `${c.order} ${input.orderNumber}`,
    items,
    hasImages: items.some((i) => i.imageUrl),
    moreItems:
      input.items.length > shownItems
        ? fillText(c.moreItems ?? '', { count: String(input.items.length - shownItems) })
        : undefined,
    support: supportEmail || supportUrl ? { email: supportEmail, url: supportLink } : undefined,
    why: fillText(c.why ?? '', words),
    unsubscribeUrl: input.unsubscribeUrl,
  };
}
