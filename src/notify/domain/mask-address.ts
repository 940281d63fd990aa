import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Channel } from '../../tracking/domain/taxonomy';

const hidden = (count: number) => '•'.repeat(count);

/**
 * A hint that lets support recognise an address without revealing it: the first character of
 * an email's local part and its domain (`j•••@example.com`), a phone's country prefix and last
 * four digits (`+1•••••4567`). The bullets are a fixed count, so the hint does not tell the
 * length either; a number too short to keep four digits hidden shows no digits at all.
 */
export function maskAddress(channel: Channel, address: string): string {
  if (channel === 'email') {
    const email = address.trim();
    const at = email.lastIndexOf('@');
    const domain = email.slice(at + 1);
    if (at < 1 || !domain) return hidden(3);
    return `${email[0]}${hidden(3)}@${domain}`.toLowerCase();
  }
  const parsed = parsePhoneNumberFromString(address.trim());
  const prefix = parsed ? `+${parsed.countryCallingCode}` : '';
  const digits = parsed ? String(parsed.nationalNumber) : address.replace(/\D/g, '');
  return digits.length >= 8 ? `${prefix}${hidden(5)}${digits.slice(-4)}` : `${prefix}${hidden(5)}`;
}
