import { carrierRequest, type HttpAnswer } from './get-json';

/** POSTs JSON to a carrier; failures are classified like getJson's, never thrown. */
export function postCarrierJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs = 15_000,
): Promise<HttpAnswer> {
  const payload = JSON.stringify(body);
  return carrierRequest(
    'POST',
    url,
    {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(payload)),
      ...headers,
    },
    payload,
    timeoutMs,
  );
}
