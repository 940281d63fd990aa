import { guestPageText, type AdviceKind } from '../../i18n/guest-page-text';
import type { Locale } from '../../i18n/locale';
import { localPunctuation } from '../../i18n/typography';
import type { TemplateName } from './message-input';

interface Catalog {
  subject: string;
  headline: string;
  intro: string;
}
/** templates/email/messages/<locale>.json */
export type EmailCopy = { common: Record<string, string> } & Record<TemplateName, Catalog>;

/** Milestones whose email explains a problem and points to the shop rather than to tracking. */
export const problemMilestones: readonly TemplateName[] = [
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

/**
 * What every email of one milestone says in one language, whatever the order. It is worked out
 * once at startup and written into that template's compiled markup (`{{copy.…}}`), so a
 * message only fills in its own parts; the plain-text part reads the same words.
 */
export interface EmailWording {
  lang: Locale;
  headline: string;
  /** Heads the carrier's latest scan: "What happened" in problem emails, else "Latest update". */
  latestHeading: string;
  whatToDo: string;
  /** What the guest can do, for the milestones that call for it; punctuated for the language. */
  advice?: string;
  trackingNumber: string;
  support: string;
  helpCenter: string;
  unsubscribe: string;
}

export function emailWording(
  copy: EmailCopy,
  template: TemplateName,
  locale: Locale,
): EmailWording {
  const c = copy.common;
  const page = guestPageText[locale];
  const advice = adviceFor[template];
  return {
    lang: locale,
    headline: copy[template].headline,
    latestHeading: problemMilestones.includes(template) ? (c.whatHappened ?? '') : (c.latest ?? ''),
    whatToDo: c.whatToDo ?? '',
    advice: advice && localPunctuation(page.advice[advice].body, locale),
    trackingNumber: page.trackingNumber,
    support: c.support ?? '',
    helpCenter: page.helpCenter,
    unsubscribe: c.unsubscribe ?? '',
  };
}
