/**
 * The exact syntax the API accepts for URLs and email addresses, stated as regular expressions
 * so the OpenAPI document can carry them: a client validating against the document accepts
 * what the server accepts. Each is a subset of RFC 3986 / RFC 5321 that the WHATWG URL parser
 * and JSON Schema's `uri` and `email` formats all agree on.
 */
const pchar = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const octet = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
// A name's last label starts with a letter, so it is never read as a partial IPv4 address.
const host = `(?:(?:${label}\\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|(?:${octet}\\.){3}${octet})`;
const port =
  '(?::(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?';
const rest = `(?:/${pchar}*)*(?:\\?(?:${pchar}|[/?])*)?(?:#(?:${pchar}|[/?])*)?`;

/** `scheme://host[:port][/path][?query][#fragment]`, no user info, no IPv6 literal. */
export function urlPattern(scheme: 'https' | 'https?'): RegExp {
  return new RegExp(`^${scheme}://${host}${port}${rest}$`);
}

export const emailPattern =
  /^[A-Za-z0-9_'+-]+(?:\.[A-Za-z0-9_'+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
