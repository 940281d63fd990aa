import { timingSafeEqual } from 'node:crypto';

/**
 * Whether a received signature or token equals the expected one, compared in constant time so
 * the comparison leaks nothing about how much of a forgery was right.
 */
export function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
