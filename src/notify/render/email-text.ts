import type { Locale } from '../../i18n/locale';
import { isolate, labelled } from '../../i18n/typography';
import type { EmailView } from './email-view';

/**
 * The plain-text part: the same facts as the HTML (latest update, what to do, support contact)
 * for clients and readers that show text only. Names are isolated for right-to-left text.
 */
export function emailText(view: EmailView, locale: Locale): string {
  const lines: Array<string | undefined> = [
    isolate(view.merchant),
    '',
    view.greeting,
    view.headline,
    '',
    view.intro,
    '',
    view.eta && labelled(view.eta.label, view.eta.date, locale),
    view.progress.text,
    view.parcels,
    view.wholeOrder,
    '',
    ...view.notice.flatMap((n) => [labelled(n.heading, n.body, locale), '']),
    view.orderTitle,
    ...view.items.map((i) => `- ${i.quantity} × ${isolate(i.name)}`),
    view.moreItems,
    '',
    ...view.shipments.map(
      (s) =>
        `${s.status} · ${s.carrier} ${s.trackingNumber}${s.trackingUrl ? ` (${s.trackingUrl})` : ''}`,
    ),
    '',
    labelled(view.cta.label, view.cta.url, locale),
    view.secondary && labelled(view.secondary.label, view.secondary.url, locale),
    '',
    view.support &&
      [view.support.text, view.support.email, view.support.url].filter(Boolean).join(' '),
    view.why,
    labelled(view.unsubscribe.label, view.unsubscribe.url, locale),
  ];
  return lines
    .filter((l): l is string => l !== undefined)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
