import { guestPageText } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { statusLabels } from '../../i18n/status-labels';
import { shipmentStatuses, type ShipmentStatus } from '../../tracking/domain/taxonomy';
import { isolate, labelled, localPunctuation } from '../../i18n/typography';
import { placeText, webLink } from '../../web/status-page/domain/build-status-view';
import { deliveryProgress } from '../../web/status-page/domain/delivery-progress';
import { emailColors, type EmailColors } from './email-colors';
import { problemMilestones, type EmailCopy, type EmailWording } from './email-wording';
import { fillHtmlText, fillText } from './fill-text';
import { HtmlText } from './html-escape';
import { memo } from './memo';
import { calendarDate, dateWindow, eventTime } from './message-dates';
import type { MessageInput, ShipmentSummary } from './message-input';

interface Link {
  label: HtmlText;
  url: string;
}

/**
 * Everything the email template and its plain-text part show, already worded: this message's
 * own parts, and the words every email of its milestone and language shares. Words and lines
 * made here come as HtmlText (text and its HTML, made together from escaped parts); values
 * passed through as they are (links, items, tracking numbers) are plain and the template
 * escapes them.
 */
export interface EmailView {
  copy: EmailWording;
  subject: HtmlText;
  preheader: HtmlText;
  merchant: HtmlText;
  logoUrl?: string;
  colors: Record<keyof EmailColors, HtmlText>;
  greeting?: HtmlText;
  intro: HtmlText;
  /** The carrier's latest scan, in our words first. */
  latest?: string;
  eta?: { label: HtmlText; date: HtmlText };
  /** The steps' colours and weights are the markup's: upcoming steps grey, the current one bold. */
  progress: {
    text: HtmlText;
    steps: Array<{ label: HtmlText; upcoming: boolean; current: boolean }>;
  };
  parcels?: HtmlText;
  wholeOrder?: HtmlText;
  cta: Link;
  secondary?: Link;
  shipments: Array<{
    status: HtmlText;
    carrier: HtmlText;
    trackingNumber: string;
    trackingUrl?: string;
  }>;
  orderTitle: HtmlText;
  items: Array<{ name: string; quantity: number; imageUrl?: string }>;
  hasImages: boolean;
  moreItems?: HtmlText;
  /** The shop's contact, when it gave one. */
  support?: { email?: string; url?: string };
  why: HtmlText;
  unsubscribeUrl: string;
}

/**
 * Words many messages share (labels, shop and carrier names, dates), escaped once: the strings
 * come from the copy files, the memos and a batch's merchants, so a look-up is mostly by a
 * string whose hash V8 already holds.
 */
const shared = memo((text: string) => HtmlText.of(text), 2000);

/** A shop's name as it sits inside a sentence: isolated when it may run right-to-left. */
const sentenceName = memo((name: string) => HtmlText.of(isolate(name)), 2000);

/** The email's colours from the brand colour, worked out and escaped once per brand colour. */
const colorsFor = memo((primary: string): EmailView['colors'] => {
  const c = emailColors(primary);
  return {
    headerBg: HtmlText.of(c.headerBg),
    headerText: HtmlText.of(c.headerText),
    buttonBg: HtmlText.of(c.buttonBg),
    buttonText: HtmlText.of(c.buttonText),
    accent: HtmlText.of(c.accent),
  };
}, 1000);

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
  if (first.eta)
    return { label: shared(carrierLabel), date: shared(calendarDate(first.eta, locale)) };
  if (first.estimate?.source === 'porchlight')
    return {
      label: shared(oursLabel),
      date: shared(dateWindow(first.estimate.from, first.estimate.to, locale)),
    };
  return undefined;
}

/** "Needs attention: Address incomplete · Lyon · Tue, Mar 3, 14:14": our words before the carrier's. */
function latestLine(s: ShipmentSummary, locale: Locale, timeZone: string): string | undefined {
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
    const details = { label: shared(c.deliveryDetails ?? ''), url: input.statusUrl };
    const subject = fillText(c.problemSubject ?? '', { order: input.orderNumber });
    const report = supportEmail
      ? `mailto:${supportEmail}?subject=${encodeURIComponent(subject)}`
      : contact;
    return report
      ? { cta: { label: shared(c.reportProblem ?? ''), url: report }, secondary: details }
      : { cta: details };
  }
  if (problemMilestones.includes(input.template)) {
    const happened = { label: shared(c.seeWhatHappened ?? ''), url: input.statusUrl };
    if (!contact) return { cta: happened };
    const contactLabel = guestPageText[input.locale].contactMerchant(merchant);
    return { cta: { label: shared(contactLabel), url: contact }, secondary: happened };
  }
  return { cta: { label: shared(c.button ?? ''), url: input.statusUrl } };
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
      text: HtmlText.of(localPunctuation(p.text, locale)),
      steps: p.steps.map((s) => ({
        label: HtmlText.of(s.label),
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
      status: shared(statusLabels[input.locale][s.status]),
      carrier: shared(s.carrierName),
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
  const merchant = sentenceName(name);
  const order = HtmlText.of(input.orderNumber);
  const words = { merchant, order };
  const firstName = firstWord(input.guestName);
  const first = input.shipments[0];
  const { supportEmail, supportUrl } = input.merchant.branding;
  const supportLink = webLink(supportUrl) ?? undefined;
  const contact = supportLink ?? (supportEmail ? `mailto:${supportEmail}` : undefined);
  const parcels = input.parcels;
  const { cta, secondary } = links(input, c, merchant.text, contact);
  const { items, shipments } = lists(input);
  const latest = first && latestLine(first, locale, input.timeZone);
  const intro = fillHtmlText(catalog.intro, words);
  return {
    copy: wording,
    subject: fillHtmlText(catalog.subject, words),
    preheader: intro,
    merchant: shared(name),
    logoUrl: webLink(input.merchant.branding.logoUrl) ?? undefined,
    colors: colorsFor(input.merchant.branding.primaryColor),
    greeting: firstName
      ? fillHtmlText(c.greeting ?? '', { name: HtmlText.of(isolate(firstName)) })
      : undefined,
    intro,
    latest: latest || undefined,
    eta: deliveryLine(first, locale, page.estimatedDelivery, c.estimateOurs ?? ''),
    progress: progress(input),
    parcels:
      parcels && parcels.total > 1 && parcels.delivered > 0
        ? fillHtmlText(c.parcels ?? '', {
            delivered: HtmlText.of(String(parcels.delivered)),
            total: HtmlText.of(String(parcels.total)),
          })
        : undefined,
    wholeOrder: input.wholeOrderDelivered && c.wholeOrder ? shared(c.wholeOrder) : undefined,
    cta,
    secondary,
    shipments,
    orderTitle: HtmlText.join([shared(c.order ?? ''), space, order]),
    items,
    hasImages: items.some((i) => i.imageUrl),
    moreItems:
      input.items.length > shownItems
        ? fillHtmlText(c.moreItems ?? '', {
            count: HtmlText.of(String(input.items.length - shownItems)),
          })
        : undefined,
    support: supportEmail || supportUrl ? { email: supportEmail, url: supportLink } : undefined,
    why: fillHtmlText(c.why ?? '', words),
    unsubscribeUrl: input.unsubscribeUrl,
  };
}

const space = HtmlText.of(' ');
