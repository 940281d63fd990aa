import type { CarrierFailure } from '../../carrier';
import { carrierRequest, type HttpAnswer } from './get-json';

export interface OAuthCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /**
   * How the token endpoint wants the credentials: a Basic header with a form body (UPS), the
   * form body (FedEx) or a JSON body (USPS).
   */
  sendCredentials?: 'basic' | 'form' | 'json';
}

type TokenAnswer = { ok: true; token: string } | { ok: false; error: CarrierFailure['error'] };

function tokenRequest(c: OAuthCredentials): { headers: Record<string, string>; body: string } {
  const grant = { grant_type: 'client_credentials' };
  const credentials = { client_id: c.clientId, client_secret: c.clientSecret };
  const mode = c.sendCredentials ?? 'basic';
  const body =
    mode === 'json'
      ? JSON.stringify({ ...credentials, ...grant })
      : new URLSearchParams(mode === 'form' ? { ...grant, ...credentials } : grant).toString();
  return {
    body,
    headers: {
      'Content-Type': mode === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      'Content-Length': String(Buffer.byteLength(body)),
      Accept: 'application/json',
      ...(mode === 'basic'
        ? {
            Authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
          }
        : {}),
    },
  };
}

/**
 * OAuth 2 client-credentials tokens for a carrier API, cached until shortly before they expire
 * and shared by concurrent callers. `withToken` makes a request with the token and, when the
 * carrier answers 401/403 (a token revoked early), fetches a fresh one and tries exactly once more.
 */
export class OAuthClient {
  private cached: { token: string; expiresAt: number } | null = null;
  private inFlight: Promise<TokenAnswer> | null = null;

  constructor(
    private readonly credentials: OAuthCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async withToken(send: (token: string) => Promise<HttpAnswer>): Promise<HttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      const token = await this.token();
      if (!token.ok) return { kind: 'error', error: token.error };
      const answer = await send(token.token);
      if (answer.kind === 'error' && answer.error.kind === 'auth' && attempt === 1) {
        this.cached = null;
        continue;
      }
      return answer;
    }
  }

  private async token(): Promise<TokenAnswer> {
    if (this.cached && this.cached.expiresAt > this.now())
      return { ok: true, token: this.cached.token };
    this.inFlight ??= this.fetchToken().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async fetchToken(): Promise<TokenAnswer> {
    const { headers, body } = tokenRequest(this.credentials);
    const answer = await carrierRequest('POST', this.credentials.tokenUrl, headers, body, 15_000);
    if (answer.kind === 'error')
      return { ok: false, error: { ...answer.error, message: `token: ${answer.error.message}` } };
    const json = answer.body as { access_token?: string; expires_in?: string | number } | null;
    if (answer.status >= 300 || !json?.access_token)
      return {
        ok: false,
        error: {
          kind: 'auth',
          message: `token endpoint answered HTTP ${answer.status}: check the carrier credentials`,
        },
      };
    // Renew a minute early so a token never expires mid-request.
    const lifetimeMs = Math.max(0, Number(json.expires_in ?? 3600) * 1000 - 60_000);
    this.cached = { token: json.access_token, expiresAt: this.now() + lifetimeMs };
    return { ok: true, token: json.access_token };
  }
}

/** The OAuth client of a carrier whose credentials are both set; null leaves the adapter disabled. */
export function oauthClientFor(
  clientId: string | undefined,
  clientSecret: string | undefined,
  endpoint: Pick<OAuthCredentials, 'tokenUrl' | 'sendCredentials'>,
): OAuthClient | null {
  return clientId && clientSecret ? new OAuthClient({ ...endpoint, clientId, clientSecret }) : null;
}
