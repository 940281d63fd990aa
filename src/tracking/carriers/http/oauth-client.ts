import { request } from 'node:https';

export interface OAuthCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Where the token endpoint wants the credentials: a Basic header (UPS, USPS) or the form body (FedEx). */
  sendCredentials?: 'basic' | 'body';
}

/**
 * OAuth 2 client-credentials tokens, cached until shortly before they expire. `invalidate()`
 * after a 401 makes the next call fetch a fresh one (the adapter retries once).
 */
export class OAuthClient {
  private cached: { token: string; expiresAt: number } | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(
    private readonly credentials: OAuthCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt > this.now()) return this.cached.token;
    this.inFlight ??= this.fetchToken().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  invalidate(): void {
    this.cached = null;
  }

  private fetchToken(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, sendCredentials = 'basic' } = this.credentials;
    const inBody = sendCredentials === 'body';
    const body = inBody
      ? new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: clientId,
          client_secret: clientSecret,
        }).toString()
      : 'grant_type=client_credentials';
    return new Promise((resolve, reject) => {
      const req = request(
        tokenUrl,
        {
          method: 'POST',
          headers: {
            ...(inBody
              ? {}
              : {
                  Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
                }),
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body),
            Accept: 'application/json',
          },
          timeout: 15_000,
        },
        (res) => {
          let raw = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (raw += c));
          res.on('end', () => {
            try {
              const json = JSON.parse(raw) as {
                access_token?: string;
                expires_in?: string | number;
              };
              if ((res.statusCode ?? 0) >= 300 || !json.access_token)
                return reject(new Error(`token endpoint answered ${res.statusCode}`));
              // Renew a minute early so a token never expires mid-request.
              const lifetimeMs = Math.max(0, Number(json.expires_in ?? 3600) * 1000 - 60_000);
              this.cached = { token: json.access_token, expiresAt: this.now() + lifetimeMs };
              resolve(json.access_token);
            } catch {
              reject(new Error(`token endpoint answered ${res.statusCode} without JSON`));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('token request timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }
}
