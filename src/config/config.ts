import type { ServiceStandards } from '../tracking/estimate/service-standards';

/** The typed, frozen configuration every module receives. Built only by loadConfig. */
export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly production: boolean;
  /** Seeded demo data, log transports and /dev/outbox. */
  readonly demo: boolean;
  readonly dataDir: string;
  readonly http: {
    readonly port: number;
    readonly host: string;
    /** Origin of every link sent to guests; no trailing slash. */
    readonly publicBaseUrl: string;
    readonly trustProxy: boolean | number;
  };
  readonly mongodb: {
    readonly uri: string | undefined;
    readonly embedded: 'persistent' | 'memory';
  };
  readonly security: { readonly tokenSecret: string };
  readonly log: { readonly level: string };
  readonly email: {
    readonly transport: 'log' | 'sendgrid';
    readonly sendgrid: {
      readonly apiKey: string | undefined;
      readonly webhookPublicKey: string | undefined;
      /** API origin (global or EU residency); no trailing slash. */
      readonly apiHost: string;
    };
  };
  readonly sms: {
    readonly transport: 'log' | 'twilio';
    readonly twilio: {
      readonly accountSid: string | undefined;
      readonly authToken: string | undefined;
      readonly messagingServiceSid: string | undefined;
      readonly fromNumber: string | undefined;
      readonly region: string | undefined;
      readonly edge: string | undefined;
      /** Replaces the API origin (a local fake provider); region and edge then do not apply. */
      readonly apiBaseUrl: string | undefined;
    };
  };
  readonly worker: {
    readonly pollCron: string;
    readonly dispatchCron: string;
    readonly maintenanceCron: string;
    readonly leaseMs: number;
  };
  readonly tracking: {
    /** Shipments claimed per batch. */
    readonly pollBatchSize: number;
    /** Seconds between checks per non-final status (defaults merged with POLL_INTERVALS). */
    readonly pollIntervalsSeconds: Readonly<Record<string, number>>;
    readonly pollJitter: number;
    readonly backoffBaseMs: number;
    readonly backoffMaxMs: number;
    readonly expireAfterDays: number;
    readonly stalledBusinessDays: number;
    readonly simulated: {
      readonly enabled: boolean;
      readonly paceMs: number;
      /** How long each request takes to answer (load tests); 0 at once. */
      readonly latencyMs: number;
    };
    /** Generic push-webhook secrets by carrier code. */
    readonly webhookSecrets: Readonly<Record<string, string>>;
    /** Published transit times and holidays per carrier (config/service-standards.json). */
    readonly serviceStandards: ServiceStandards;
  };
  readonly shutdownTimeoutMs: number;
  /** Guest pages: status links, lookup and preferences. */
  readonly api: {
    readonly requestsPerMinute: number;
    /** Unknown-key requests one client address may send per 15 minutes. */
    readonly authFailureLimit: number;
    /** Merchant webhooks may target private and loopback addresses (off by default: SSRF). */
    readonly webhooksAllowInternal: boolean;
  };
  /** Shopify and WooCommerce webhooks. */
  readonly stores: {
    readonly webhookMaxBytes: number;
    readonly batchSize: number;
  };
  readonly carriers: {
    readonly dhl: { readonly apiKey: string | undefined; readonly baseUrl: string };
    readonly fedex: {
      readonly clientId: string | undefined;
      readonly clientSecret: string | undefined;
      readonly baseUrl: string;
    };
    readonly ups: {
      readonly clientId: string | undefined;
      readonly clientSecret: string | undefined;
      readonly baseUrl: string;
    };
    readonly usps: {
      readonly clientId: string | undefined;
      readonly clientSecret: string | undefined;
      readonly baseUrl: string;
    };
    readonly easypost: {
      readonly apiKey: string | undefined;
      readonly webhookSecret: string | undefined;
      readonly baseUrl: string;
    };
    /** Per-carrier overrides of the adapters' default concurrency and request rate. */
    readonly limits: Readonly<
      Record<string, { readonly concurrency?: number; readonly requestsPerSecond?: number }>
    >;
  };
  /** GET /metrics on the web process and on the worker's own server. */
  readonly metrics: {
    /** Bearer token scrapes must present; without it production web processes serve none. */
    readonly token: string | undefined;
    readonly workerPort: number;
    readonly workerHost: string;
  };
  /** Days after the last shipment is final before guest data is erased. */
  readonly retentionDays: number;
  readonly notify: {
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly groupWindowMs: number;
    readonly batchSize: number;
    readonly perSecond: { readonly email: number; readonly sms: number };
    /** Provider calls in flight per worker and channel. */
    readonly concurrency: { readonly email: number; readonly sms: number };
    readonly defaultFromEmail: string | undefined;
    /** An unknown outcome waits this long for a provider event before the provider is asked. */
    readonly reconcileAfterMs: number;
    readonly reconcileCron: string;
  };
  /** The merchant console's sessions and sign-in. */
  readonly console: {
    readonly idleMs: number;
    readonly sessionMaxMs: number;
    readonly signInLimit: number;
  };
  readonly guestPages: {
    /** Misses per client per 15 minutes before 429. */
    readonly missLimit: number;
    readonly lookupClientLimit: number;
    readonly lookupOrderLimit: number;
    /** Cached page data is served this long before a cheap version check. */
    readonly cacheFreshMs: number;
  };
}
