import { isIP } from 'node:net';
import { isInternalAddress } from '../merchant-webhooks/public-address';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { variables, type RawValues, type VariableName } from './variables';
import type { Config } from './config';
import { readServiceStandards } from './service-standards';
import type { ServiceStandards } from '../tracking/estimate/service-standards';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, unknown>;

function readJson(file: string): Source {
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Source;
}

/** Defaults from config/default.json, then config/<NODE_ENV>.json. */
export function readConfigFiles(dir: string, nodeEnv: string): Source {
  return {
    ...readJson(path.join(dir, 'default.json')),
    ...readJson(path.join(dir, `${nodeEnv}.json`)),
  };
}

const productionRequired: Array<[VariableName, string]> = [
  ['MONGODB_URI', 'is required in production'],
  ['PUBLIC_BASE_URL', 'is required in production'],
];

function productionProblems(v: RawValues, env: Source): string[] {
  const problems: string[] = [];
  for (const [name, why] of productionRequired) {
    if (!v[name]) problems.push(`${name} ${why} (example: ${variables[name].example})`);
  }
  // Guests' links and RFC 8058 one-click unsubscribe must not travel over plain HTTP.
  if (v.PUBLIC_BASE_URL && !String(v.PUBLIC_BASE_URL).startsWith('https://'))
    problems.push(
      `PUBLIC_BASE_URL must use https in production (example: ${variables.PUBLIC_BASE_URL.example})`,
    );
  if (!env.TOKEN_SECRET)
    problems.push(
      `TOKEN_SECRET must be set in production, not taken from a file default (example: ${variables.TOKEN_SECRET.example})`,
    );
  if (!env.EMAIL_TRANSPORT)
    problems.push(
      'EMAIL_TRANSPORT must be chosen explicitly in production: sendgrid, or log to only record messages',
    );
  if (!env.SMS_TRANSPORT)
    problems.push(
      'SMS_TRANSPORT must be chosen explicitly in production: twilio, or log to only record messages',
    );
  if (!v.METRICS_TOKEN && !isPrivateHost(v.WORKER_METRICS_HOST))
    problems.push(
      `WORKER_METRICS_HOST ${v.WORKER_METRICS_HOST} is not a private interface: bind metrics to one (example: ${variables.WORKER_METRICS_HOST.example}) or set METRICS_TOKEN`,
    );
  return problems;
}

/** Loopback or private addresses, where only our own network can scrape (0.0.0.0 is every one). */
function isPrivateHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 0 || host === '0.0.0.0' || host === '::') return false;
  return isInternalAddress(host);
}

function providerProblems(v: RawValues): string[] {
  const problems: string[] = [];
  if (v.NODE_ENV === 'production') {
    if (!v.SENDGRID_API_HOST.startsWith('https:'))
      problems.push('SENDGRID_API_HOST must use https in production');
    if (v.TWILIO_API_BASE_URL)
      problems.push(
        'TWILIO_API_BASE_URL is only for a local fake provider; use TWILIO_REGION and TWILIO_EDGE in production',
      );
  }
  if (v.EMAIL_TRANSPORT === 'sendgrid' && !v.SENDGRID_API_KEY) {
    problems.push(
      `SENDGRID_API_KEY is required when EMAIL_TRANSPORT=sendgrid (example: ${variables.SENDGRID_API_KEY.example})`,
    );
  }
  if (v.SMS_TRANSPORT === 'twilio') {
    if (!v.TWILIO_ACCOUNT_SID)
      problems.push(
        `TWILIO_ACCOUNT_SID is required when SMS_TRANSPORT=twilio (example: ${variables.TWILIO_ACCOUNT_SID.example})`,
      );
    if (!v.TWILIO_AUTH_TOKEN)
      problems.push(
        `TWILIO_AUTH_TOKEN is required when SMS_TRANSPORT=twilio (example: ${variables.TWILIO_AUTH_TOKEN.example})`,
      );
    if (!v.TWILIO_MESSAGING_SERVICE_SID && !v.TWILIO_FROM_NUMBER) {
      problems.push(
        'TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER is required when SMS_TRANSPORT=twilio',
      );
    }
  }
  return problems;
}

/**
 * Parses and validates configuration once. `env` is the process environment (the only place
 * it is read); `configDir` holds the per-environment JSON defaults. Lists every bad variable.
 */
export function loadConfig(
  env: Source,
  configDir = path.resolve(__dirname, '../../config'),
): Config {
  const nodeEnv = typeof env.NODE_ENV === 'string' && env.NODE_ENV ? env.NODE_ENV : 'development';
  const files = readConfigFiles(configDir, nodeEnv);
  const problems: string[] = [];
  const values: Partial<Record<VariableName, unknown>> = {};
  for (const name of Object.keys(variables) as VariableName[]) {
    const raw =
      name === 'NODE_ENV'
        ? nodeEnv
        : env[name] !== undefined && env[name] !== ''
          ? env[name]
          : files[name];
    const result = variables[name].schema.safeParse(raw);
    if (result.success) values[name] = result.data;
    else {
      const message = result.error.issues[0]?.message ?? 'invalid';
      problems.push(
        `${name}: ${message}; got ${raw === undefined ? 'nothing' : JSON.stringify(raw)} (example: ${variables[name].example})`,
      );
    }
  }
  if (problems.length === 0) {
    const v = values as RawValues;
    if (v.NODE_ENV === 'production') problems.push(...productionProblems(v, env));
    problems.push(...providerProblems(v));
  }
  const standards = readServiceStandards(configDir);
  if ('problems' in standards) problems.push(...standards.problems);
  if (problems.length > 0 || 'problems' in standards) throw new ConfigError(problems);
  return shapeConfig(values as RawValues, standards.standards);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Production-sized check intervals; POLL_INTERVALS overrides any of them. */
const defaultPollIntervalsSeconds: Record<string, number> = {
  pending: 4 * 3600,
  in_transit: 90 * 60,
  out_for_delivery: 15 * 60,
  available_for_pickup: 4 * 3600,
  failed_attempt: 3600,
  exception: 3600,
  unknown: 4 * 3600,
};

function shapeConfig(v: RawValues, serviceStandards: ServiceStandards): Config {
  const production = v.NODE_ENV === 'production';
  const demo = v.DEMO === 'on' || (v.DEMO === 'auto' && !production && !v.MONGODB_URI);
  const carrierLimits: Record<string, { concurrency?: number; requestsPerSecond?: number }> = {};
  for (const [code, n] of Object.entries(v.CARRIER_CONCURRENCY))
    (carrierLimits[code] ??= {}).concurrency = n;
  for (const [code, n] of Object.entries(v.CARRIER_REQUESTS_PER_SECOND))
    (carrierLimits[code] ??= {}).requestsPerSecond = n;
  return deepFreeze({
    env: v.NODE_ENV,
    production,
    demo,
    dataDir: path.resolve(v.DATA_DIR),
    http: {
      port: v.PORT,
      host: v.HOST,
      publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
      trustProxy: v.TRUST_PROXY,
    },
    mongodb: { uri: v.MONGODB_URI, embedded: v.EMBEDDED_DB },
    security: { tokenSecret: v.TOKEN_SECRET },
    log: { level: v.LOG_LEVEL },
    email: {
      transport: v.EMAIL_TRANSPORT,
      sendgrid: {
        apiKey: v.SENDGRID_API_KEY,
        webhookPublicKey: v.SENDGRID_WEBHOOK_PUBLIC_KEY,
        apiHost: v.SENDGRID_API_HOST.replace(/\/+$/, ''),
      },
    },
    sms: {
      transport: v.SMS_TRANSPORT,
      twilio: {
        accountSid: v.TWILIO_ACCOUNT_SID,
        authToken: v.TWILIO_AUTH_TOKEN,
        messagingServiceSid: v.TWILIO_MESSAGING_SERVICE_SID,
        fromNumber: v.TWILIO_FROM_NUMBER,
        region: v.TWILIO_REGION,
        edge: v.TWILIO_EDGE,
        apiBaseUrl: v.TWILIO_API_BASE_URL?.replace(/\/+$/, ''),
      },
    },
    worker: {
      pollCron: v.POLL_CRON,
      dispatchCron: v.DISPATCH_CRON,
      maintenanceCron: v.MAINTENANCE_CRON,
      leaseMs: v.LEASE_SECONDS * 1000,
    },
    tracking: {
      pollBatchSize: v.POLL_BATCH_SIZE,
      pollIntervalsSeconds: { ...defaultPollIntervalsSeconds, ...v.POLL_INTERVALS },
      pollJitter: v.POLL_JITTER,
      backoffBaseMs: v.POLL_BACKOFF_BASE_SECONDS * 1000,
      backoffMaxMs: v.POLL_BACKOFF_MAX_SECONDS * 1000,
      expireAfterDays: v.TRACKING_EXPIRE_DAYS,
      stalledBusinessDays: v.STALLED_BUSINESS_DAYS,
      simulated: {
        enabled: v.SIMULATED_CARRIER === 'on' || (v.SIMULATED_CARRIER === 'auto' && !production),
        paceMs: v.SIMULATED_PACE_SECONDS * 1000,
        latencyMs: v.SIMULATED_LATENCY_MS,
      },
      webhookSecrets: v.CARRIER_WEBHOOK_SECRETS,
      serviceStandards,
    },
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    api: {
      requestsPerMinute: v.API_REQUESTS_PER_MINUTE,
      authFailureLimit: v.API_AUTH_FAILURE_LIMIT,
      webhooksAllowInternal: v.MERCHANT_WEBHOOKS_ALLOW_INTERNAL,
    },
    stores: {
      webhookMaxBytes: v.STORE_WEBHOOK_MAX_KB * 1024,
      batchSize: v.STORE_WEBHOOK_BATCH_SIZE,
    },
    carriers: {
      dhl: { apiKey: v.DHL_API_KEY, baseUrl: v.DHL_API_BASE_URL.replace(/\/+$/, '') },
      fedex: {
        clientId: v.FEDEX_CLIENT_ID,
        clientSecret: v.FEDEX_CLIENT_SECRET,
        baseUrl: v.FEDEX_API_BASE_URL.replace(/\/+$/, ''),
      },
      ups: {
        clientId: v.UPS_CLIENT_ID,
        clientSecret: v.UPS_CLIENT_SECRET,
        baseUrl: v.UPS_API_BASE_URL.replace(/\/+$/, ''),
      },
      usps: {
        clientId: v.USPS_CLIENT_ID,
        clientSecret: v.USPS_CLIENT_SECRET,
        baseUrl: v.USPS_API_BASE_URL.replace(/\/+$/, ''),
      },
      easypost: {
        apiKey: v.EASYPOST_API_KEY,
        webhookSecret: v.EASYPOST_WEBHOOK_SECRET,
        baseUrl: v.EASYPOST_API_BASE_URL.replace(/\/+$/, ''),
      },
      limits: carrierLimits,
    },
    metrics: {
      token: v.METRICS_TOKEN,
      workerPort: v.WORKER_METRICS_PORT,
      workerHost: v.WORKER_METRICS_HOST,
    },
    retentionDays: v.RETENTION_DAYS,
    notify: {
      maxAttempts: v.NOTIFY_MAX_ATTEMPTS,
      retryBaseMs: v.NOTIFY_RETRY_BASE_SECONDS * 1000,
      groupWindowMs: v.NOTIFY_GROUP_WINDOW_SECONDS * 1000,
      batchSize: v.DISPATCH_BATCH_SIZE,
      perSecond: { email: v.EMAIL_SENDS_PER_SECOND, sms: v.SMS_SENDS_PER_SECOND },
      concurrency: { email: v.EMAIL_CONCURRENCY, sms: v.SMS_CONCURRENCY },
      defaultFromEmail: v.EMAIL_FROM_DEFAULT,
      reconcileAfterMs: v.RECONCILE_AFTER_SECONDS * 1000,
      reconcileCron: v.RECONCILE_CRON,
    },
    console: {
      idleMs: v.CONSOLE_IDLE_MINUTES * 60_000,
      sessionMaxMs: v.CONSOLE_SESSION_HOURS * 3_600_000,
      signInLimit: v.CONSOLE_SIGN_IN_LIMIT,
    },
    guestPages: {
      missLimit: v.GUEST_MISS_LIMIT,
      lookupClientLimit: v.LOOKUP_CLIENT_LIMIT,
      lookupOrderLimit: v.LOOKUP_ORDER_LIMIT,
      cacheFreshMs: v.STATUS_CACHE_FRESH_MS,
    },
  });
}
