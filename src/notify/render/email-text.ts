import { isolate, labelled } from '../../i18n/typography';
import type { EmailView } from './email-view';

/**
 * The plain-text part: the same facts as the HTML (latest update, what to do, support contact)
 * for clients and readers that show text only. Names are isolated for right-to-left text.
 */
export function emailText(view: EmailView): string {
  const { copy } = view;
  const locale = copy.lang;
  const lines: Array<string | undefined> = [
    isolate(view.merchant.text),
    '',
    view.greeting?.text,
    copy.headline,
    '',
    view.intro.text,
    '',
    view.eta && labelled(view.eta.label.text, view.eta.date.text, locale),
    view.progress.text.text,
    view.parcels?.text,
    view.wholeOrder?.text,
    '',
  ];
  if (view.latest) lines.push(labelled(copy.latestHeading, view.latest, locale), '');
  if (copy.advice) lines.push(labelled(copy.whatToDo, copy.advice, locale), '');
  lines.push(view.orderTitle.text);
  for (const i of view.items) lines.push(`- ${i.quantity} × ${isolate(i.name)}`);
  lines.push(view.moreItems?.text, '');
  for (const s of view.shipments)
    lines.push(
      `${s.status.text} · ${s.carrier.text} ${s.trackingNumber}${s.trackingUrl ? ` (${s.trackingUrl})` : ''}`,
    );
  lines.push(
    '',
    labelled(view.cta.label.text, view.cta.url, locale),
    view.secondary && labelled(view.secondary.label.text, view.secondary.url, locale),
    '',
    view.support && [copy.support, view.support.email, view.support.url].filter(Boolean).join(' '),
    view.why.text,
    labelled(copy.unsubscribe, view.unsubscribeUrl, locale),
  );
  return paragraphs(lines);
}

/**
 * The lines present, one blank line between paragraphs at most. Runs of blank lines are
 * dropped as the lines are gathered; the expression only runs when a value brought its own
 * line breaks and made a run again. The text grows line by line and is laid flat once, by
 * trim(): joining an array of lines copied each joined line on its own first.
 */
function paragraphs(lines: Array<string | undefined>): string {
  let text = '';
  let blank = true;
  for (const line of lines) {
    if (line === undefined || (line === '' && blank)) continue;
    text = text ? `${text}\n${line}` : line;
    blank = line === '';
  }
  text = text.trim();
  return text.includes('\n\n\n') ? text.replace(/\n{3,}/g, '\n\n') : text;
}
