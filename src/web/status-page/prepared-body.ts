import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A rendered page or JSON, encoded once and served many times from the status-page cache. */
export interface PreparedBody {
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  csp?: string;
}

/** Compressed once per render: guests are often on slow mobile links, and it costs us nothing per hit. */
export function prepareBody(text: string, csp?: string): PreparedBody {
  const identity = Buffer.from(text);
  return {
    identity,
    gzip: gzipSync(identity, { level: 6 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    csp,
  };
}

/** Whether an Accept-Encoding header (lower-cased) takes the coding with a q above zero. */
function acceptance(coding: string): RegExp {
  return new RegExp(`(^|,)\\s*${coding}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[\\d.]+)?\\s*(,|$)`);
}
// Built once: this runs on every status-page hit.
const acceptsBrotli = acceptance('br');
const acceptsGzip = acceptance('gzip');

/** Writes the prepared bytes as they are: no per-request ETag hashing or encoding (no-store anyway). */
export function sendPrepared(
  req: IncomingMessage,
  res: ServerResponse,
  body: PreparedBody,
  type: string,
): void {
  const acceptEncoding = String(req.headers['accept-encoding'] ?? '').toLowerCase();
  const [bytes, encoding] = acceptsBrotli.test(acceptEncoding)
    ? [body.br, 'br']
    : acceptsGzip.test(acceptEncoding)
      ? [body.gzip, 'gzip']
      : [body.identity, undefined];
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Vary', 'Accept, Accept-Language, Accept-Encoding');
  if (body.csp) res.setHeader('Content-Security-Policy', body.csp);
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}
