import { createHmac, randomBytes } from 'node:crypto';

/** 128 bits from the system's cryptographic source, base64url (22 characters). */
export function newStatusToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Only this hash is stored; the token itself exists in the guest's link alone. */
export function hashStatusToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{22,64}$/.test(token);
}

export function statusLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/t/${token}`;
}
