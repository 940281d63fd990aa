import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type DeliverySearch =
  | { kind: 'email'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'order'; value: string };

/**
 * What support typed: an email, a phone number (any common format, stored as E.164) or an
 * order number. Null for an empty box.
 */
export function classifySearch(input: string): DeliverySearch | null {
  const q = input.trim().slice(0, 254);
  if (!q) return null;
  if (q.includes('@')) return { kind: 'email', value: q.toLowerCase() };
  if (/^\+?[\d\s().-]{7,}$/.test(q)) {
    const phone = parsePhoneNumberFromString(q.startsWith('+') ? q : `+${q.replace(/\D/g, '')}`);
    if (phone?.isValid()) return { kind: 'phone', value: phone.number };
  }
  return { kind: 'order', value: q.replace(/^#/, '') };
}
