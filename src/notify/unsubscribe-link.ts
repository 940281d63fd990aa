import { createHmac } from 'node:crypto';
import { sameSecret } from '../shared/same-secret';

/**
 * One-click unsubscribe links name one notification (and so one merchant, guest address and
 * channel) and are signed with the token secret; the address itself never appears in the URL.
 */
export function unsubscribeToken(notificationId: string, secret: string): string {
  const mac = createHmac('sha256', secret)
    .update(`unsubscribe:${notificationId}`)
    .digest()
    .subarray(0, 16);
  return `${notificationId}.${mac.toString('base64url')}`;
}

/** The notification id a token names, or null when it is malformed or forged. */
export function verifyUnsubscribeToken(token: string, secret: string): string | null {
  const [id, mac] = token.split('.');
  if (!id || !mac || !/^[0-9a-f]{24}$/.test(id)) return null;
  return sameSecret(unsubscribeToken(id, secret), token) ? id : null;
}

export function unsubscribeUrl(
  publicBaseUrl: string,
  notificationId: string,
  secret: string,
): string {
  return `${publicBaseUrl}/u/${unsubscribeToken(notificationId, secret)}`;
}
