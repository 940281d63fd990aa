import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { internalHostReason, publicOnlyLookup } from './public-address';

/**
 * POSTs a JSON body and resolves with the status code; rejects on network errors, timeout, or
 * (unless `allowInternal`) a target that is or resolves to a private or reserved address.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  allowInternal = false,
): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const refusal = allowInternal ? null : internalHostReason(target);
  if (refusal) return Promise.reject(new Error(`refusing to deliver: ${refusal}`));
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'User-Agent': 'Porchlight-Webhooks/1',
          ...headers,
        },
        timeout: timeoutMs,
        ...(allowInternal ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
