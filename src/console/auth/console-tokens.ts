import { createHash, createHmac, randomBytes } from 'node:crypto';
import { sameSecret } from '../../shared/same-secret';

/** A fresh unguessable secret for a link or a session cookie (256 bits). */
export function newConsoleToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this is stored, so a database leak signs nobody in. */
export function hashConsoleToken(token: string): string {
  return createHash('sha256').update(`console:${token}`).digest('hex');
}

export const consoleTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * The form field that proves a POST came from a console page: an HMAC of the session id. A
 * cross-site form can make the browser send the cookie but cannot know this value.
 */
export function consoleCsrfToken(tokenSecret: string, sessionId: string): string {
  return createHmac('sha256', tokenSecret).update(`console-csrf:${sessionId}`).digest('base64url');
}

export function consoleCsrfValid(tokenSecret: string, sessionId: string, field: unknown): boolean {
  return typeof field === 'string' && sameSecret(consoleCsrfToken(tokenSecret, sessionId), field);
}
