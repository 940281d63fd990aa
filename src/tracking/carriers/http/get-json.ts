import { request } from 'node:https';
import type { CarrierFailure } from '../../carrier';

export type HttpAnswer =
  { kind: 'ok'; status: number; body: unknown } | { kind: 'error'; error: CarrierFailure['error'] };

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Turns a carrier's HTTP answer into data or one of the port's error kinds. */
export function classifyAnswer(
  status: number,
  retryAfter: string | string[] | undefined,
  raw: string,
): HttpAnswer {
  if (status === 401 || status === 403)
    return {
      kind: 'error',
      error: { kind: 'auth', message: `HTTP ${status}: check the carrier credentials` },
    };
  if (status === 429)
    return {
      kind: 'error',
      error: { kind: 'rate_limited', message: 'HTTP 429', retryAfterMs: retryAfterMs(retryAfter) },
    };
  if (status >= 500 || status === 0)
    return { kind: 'error', error: { kind: 'transient', message: `HTTP ${status}` } };
  try {
    return { kind: 'ok', status, body: raw ? JSON.parse(raw) : null };
  } catch {
    return {
      kind: 'error',
      error: { kind: 'transient', message: `HTTP ${status}: body is not JSON` },
    };
  }
}

/**
 * GETs JSON from a carrier and classifies failures into the port's kinds, never throwing:
 * 401/403 auth, 429 rate limited (with Retry-After), 5xx and network errors transient.
 * 2xx and 404 come back as answers for the adapter to read.
 */
export function getJson(
  url: string,
  headers: Record<string, string>,
  timeoutMs = 15_000,
): Promise<HttpAnswer> {
  return carrierRequest('GET', url, headers, undefined, timeoutMs);
}

/** One HTTPS request to a carrier, its answer classified; network errors are transient. */
export function carrierRequest(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const req = request(url, { method, headers, timeout: timeoutMs }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (raw += chunk));
      res.on('end', () =>
        resolve(classifyAnswer(res.statusCode ?? 0, res.headers['retry-after'], raw)),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', (e) =>
      resolve({ kind: 'error', error: { kind: 'transient', message: e.message } }),
    );
    req.end(body);
  });
}
