import type { Branding, MerchantPreferences, SenderIdentities } from '../../merchants/merchant';
import { channels, milestones } from '../../tracking/domain/taxonomy';

/** A urlencoded form body: every value a string (checkboxes are present or absent). */
export type FormBody = Record<string, unknown>;

const text = (body: FormBody, name: string): string => {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
};
const optional = (body: FormBody, name: string): string | undefined =>
  text(body, name) || undefined;
const checked = (body: FormBody, name: string): boolean => body[name] !== undefined;
/** Numbers stay strings when they are not numbers, so the schema names the field. */
const integer = (body: FormBody, name: string): number | string => {
  const value = text(body, name);
  return /^\d{1,6}$/.test(value) ? Number(value) : value;
};

/**
 * The Notifications page's fields as preferences, before validation (the API's schema then
 * checks them, so the console and the API accept exactly the same settings).
 */
export function preferencesFromForm(body: FormBody, current: MerchantPreferences): unknown {
  const matrix = Object.fromEntries(
    milestones.map((m) => [
      m,
      Object.fromEntries(channels.map((c) => [c, checked(body, `matrix.${m}.${c}`)])),
    ]),
  );
  const quietHours = Object.fromEntries(
    channels.map((c) => [
      c,
      checked(body, `quiet.${c}.on`)
        ? { start: text(body, `quiet.${c}.start`), end: text(body, `quiet.${c}.end`) }
        : null,
    ]),
  );
  return {
    ...current,
    matrix,
    quietHours,
    timezone: text(body, 'timezone'),
    defaultLocale: text(body, 'defaultLocale'),
    smsRequiresConsent: checked(body, 'smsRequiresConsent'),
    collapseMilestones: checked(body, 'collapseMilestones'),
    sendOrderConfirmation: checked(body, 'sendOrderConfirmation'),
    maxMessagesPerShipmentPerDay: integer(body, 'maxMessagesPerShipmentPerDay'),
    statusLinkTtlDays: integer(body, 'statusLinkTtlDays'),
  };
}

/** The Branding page's fields: brand, support contacts and sender identities. */
export function brandingFromForm(body: FormBody): { branding: unknown; senders: unknown } {
  const branding: Partial<Record<keyof Branding, string>> = {
    displayName: text(body, 'displayName'),
    logoUrl: optional(body, 'logoUrl'),
    primaryColor: text(body, 'primaryColor').toLowerCase(),
    supportEmail: optional(body, 'supportEmail'),
    supportUrl: optional(body, 'supportUrl'),
    supportPhone: optional(body, 'supportPhone'),
  };
  const senders: SenderIdentities = {
    email: {
      from: optional(body, 'senders.email.from'),
      fromName: optional(body, 'senders.email.fromName'),
      replyTo: optional(body, 'senders.email.replyTo'),
    },
    sms: {
      fromNumber: optional(body, 'senders.sms.fromNumber'),
      messagingServiceSid: optional(body, 'senders.sms.messagingServiceSid'),
    },
  };
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return {
    branding: defined(branding),
    senders: { email: defined(senders.email), sms: defined(senders.sms) },
  };
}

/**
 * The schema names fields by their settings path (`preferences.quietHours.sms.start`); the
 * form names them as its inputs (`quiet.sms.start`).
 */
export function formFieldOf(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'preferences') {
    if (parts[1] === 'quietHours') return ['quiet', ...parts.slice(2)].join('.');
    return parts.slice(1).join('.');
  }
  if (parts[0] === 'branding') return parts.slice(1).join('.');
  return path;
}
