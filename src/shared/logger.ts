import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Personal data never reaches the logs: these paths are censored wherever they appear, and
 * URLs that carry tokens are rewritten by redactUrl before they are logged.
 */
const redactPaths = [
  'email',
  'phone',
  'to',
  'token',
  'recipient',
  '*.email',
  '*.phone',
  '*.to',
  '*.token',
  '*.recipient',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { service: 'porchlight' },
    },
    destination,
  );
}

const tokenPath = /^\/(t|u)\/[^/?#.]+/;

/** Replaces the secret segment of status and unsubscribe links, and drops query strings. */
export function redactUrl(url: string): string {
  const [pathOnly = ''] = url.split('?');
  return pathOnly.replace(tokenPath, (_m, kind: string) => `/${kind}/[token]`);
}
