import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/** Where the Twilio API is reached: a region and edge, or a whole replacement origin. */
export interface TwilioEndpoint {
  region?: string;
  edge?: string;
  /** Replaces the API origin (scheme, host, port) of every request, e.g. a local fake over http. */
  apiBaseUrl?: string;
}

/**
 * The SDK builds https://api[.edge.region].twilio.com URLs itself and offers no base-URL
 * option, so a replacement origin is applied by the one HTTP client every request goes through.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly origin: URL,
    timeoutMs: number,
  ) {
    super({ timeout: timeoutMs });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    const rebased = new URL(`${uri.pathname}${uri.search}`, this.origin);
    return super.request<TData>({ ...opts, uri: rebased.href });
  }
}

/** A Twilio REST client for one account, reaching the API where configuration says. */
export function createTwilioClient(
  accountSid: string,
  authToken: string,
  endpoint: TwilioEndpoint = {},
  timeoutMs = 15_000,
): twilio.Twilio {
  if (endpoint.apiBaseUrl) {
    return twilio(accountSid, authToken, {
      timeout: timeoutMs,
      httpClient: new RebasedRequestClient(new URL(endpoint.apiBaseUrl), timeoutMs),
    });
  }
  return twilio(accountSid, authToken, {
    timeout: timeoutMs,
    ...(endpoint.region ? { region: endpoint.region } : {}),
    ...(endpoint.edge ? { edge: endpoint.edge } : {}),
  });
}
