import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/load-config';

const configDir = path.resolve(__dirname, '../../../config');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, configDir);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('when nothing is configured in development, then it runs the demo on the embedded database', () => {
    const config = loadConfig({ NODE_ENV: 'development' }, configDir);
    expect(config.demo).toBe(true);
    expect(config.mongodb.uri).toBeUndefined();
    expect(config.http.port).toBe(3000);
    expect(config.http.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.email.transport).toBe('log');
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('when environment variables are set, then they override the per-environment files', () => {
    const config = loadConfig(
      { NODE_ENV: 'development', PORT: '8080', MONGODB_URI: 'mongodb://db:27017/x', DEMO: 'auto' },
      configDir,
    );
    expect(config.http.port).toBe(8080);
    expect(config.mongodb.uri).toBe('mongodb://db:27017/x');
    expect(config.demo).toBe(false);
  });

  it('when several variables are bad, then every one is named with what it expects and an example', () => {
    const problems = problemsOf({
      NODE_ENV: 'development',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      MONGODB_URI: 'postgres://x',
      TOKEN_SECRET: 'short',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT: .*example: 3000/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL: .*"loud"/);
    expect(problems.join('\n')).toMatch(/MONGODB_URI: a mongodb:\/\/ URI/);
    expect(problems.join('\n')).toMatch(/TOKEN_SECRET: at least 32 characters/);
  });

  it('when production lacks its required settings, then it refuses to start and lists them all', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    const text = problems.join('\n');
    expect(text).toMatch(/MONGODB_URI is required in production/);
    expect(text).toMatch(/PUBLIC_BASE_URL is required in production/);
    expect(text).toMatch(/TOKEN_SECRET must be set in production/);
    expect(text).toMatch(/EMAIL_TRANSPORT must be chosen explicitly/);
    expect(text).toMatch(/SMS_TRANSPORT must be chosen explicitly/);
  });

  it('when a real provider is chosen without credentials, then the missing credentials are named', () => {
    const problems = problemsOf({
      NODE_ENV: 'development',
      EMAIL_TRANSPORT: 'sendgrid',
      SMS_TRANSPORT: 'twilio',
    });
    expect(problems.join('\n')).toMatch(/SENDGRID_API_KEY is required/);
    expect(problems.join('\n')).toMatch(/TWILIO_ACCOUNT_SID is required/);
    expect(problems.join('\n')).toMatch(/TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER/);
  });

  it('when provider endpoints are configured, then they reach the senders trimmed and typed', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'development',
        SENDGRID_API_HOST: 'https://api.eu.sendgrid.com/',
        TWILIO_REGION: 'ie1',
        TWILIO_EDGE: 'dublin',
        TWILIO_API_BASE_URL: 'http://127.0.0.1:4010/',
      },
      configDir,
    );
    expect(config.email.sendgrid.apiHost).toBe('https://api.eu.sendgrid.com');
    expect(config.sms.twilio).toMatchObject({
      region: 'ie1',
      edge: 'dublin',
      apiBaseUrl: 'http://127.0.0.1:4010',
    });
    expect(loadConfig({ NODE_ENV: 'development' }, configDir).email.sendgrid.apiHost).toBe(
      'https://api.sendgrid.com',
    );
  });

  it('when provider endpoints are malformed, then each is named', () => {
    const text = problemsOf({
      NODE_ENV: 'development',
      SENDGRID_API_HOST: 'ftp://sendgrid',
      TWILIO_REGION: 'ireland',
      TWILIO_EDGE: 'mars',
      TWILIO_API_BASE_URL: 'not a url',
    }).join('\n');
    expect(text).toMatch(/SENDGRID_API_HOST: /);
    expect(text).toMatch(/TWILIO_REGION: a Twilio region/);
    expect(text).toMatch(/TWILIO_EDGE: /);
    expect(text).toMatch(/TWILIO_API_BASE_URL: /);
  });

  it('when production points the providers at plain http or a base-URL override, then it refuses', () => {
    const text = problemsOf({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db/x',
      PUBLIC_BASE_URL: 'https://track.example.com',
      TOKEN_SECRET: 'x'.repeat(40),
      EMAIL_TRANSPORT: 'log',
      SMS_TRANSPORT: 'log',
      SENDGRID_API_HOST: 'http://api.sendgrid.com',
      TWILIO_API_BASE_URL: 'http://127.0.0.1:4010',
    }).join('\n');
    expect(text).toMatch(/SENDGRID_API_HOST must use https in production/);
    expect(text).toMatch(/TWILIO_API_BASE_URL is only for a local fake provider/);
  });

  it('when production is fully configured with log transports, then it starts without demo mode', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        MONGODB_URI: 'mongodb+srv://cluster.example/porchlight',
        PUBLIC_BASE_URL: 'https://track.example.com/',
        TOKEN_SECRET: 'x'.repeat(40),
        EMAIL_TRANSPORT: 'log',
        SMS_TRANSPORT: 'log',
      },
      configDir,
    );
    expect(config.production).toBe(true);
    expect(config.demo).toBe(false);
    expect(config.http.publicBaseUrl).toBe('https://track.example.com');
  });

  it('when production binds worker metrics to a public interface without METRICS_TOKEN, then it refuses to start naming both remedies', () => {
    const production = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb+srv://cluster.example/porchlight',
      PUBLIC_BASE_URL: 'https://track.example.com/',
      TOKEN_SECRET: 'x'.repeat(40),
      EMAIL_TRANSPORT: 'log',
      SMS_TRANSPORT: 'log',
    };
    expect(problemsOf({ ...production, WORKER_METRICS_HOST: '0.0.0.0' })).toEqual([
      expect.stringMatching(
        /WORKER_METRICS_HOST 0\.0\.0\.0 is not a private interface.*METRICS_TOKEN/,
      ),
    ]);
    expect(problemsOf({ ...production, WORKER_METRICS_HOST: '10.0.0.5' })).toEqual([]);
    expect(
      problemsOf({ ...production, WORKER_METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'a'.repeat(20) }),
    ).toEqual([]);
    expect(problemsOf({ ...production, METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN: at least 16 characters/),
    ]);
    expect(problemsOf({ ...production, WORKER_METRICS_PORT: '70000' })).toEqual([
      expect.stringMatching(/^WORKER_METRICS_PORT: /),
    ]);
  });

  it('when production links would use plain http, then it refuses to start and says https is needed', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb+srv://cluster.example/porchlight',
      PUBLIC_BASE_URL: 'http://track.example.com',
      TOKEN_SECRET: 'x'.repeat(40),
      EMAIL_TRANSPORT: 'log',
      SMS_TRANSPORT: 'log',
    });
    expect(problems.join('\n')).toMatch(/PUBLIC_BASE_URL must use https in production/);
  });

  it('when a boolean says "false", then it is false (not coerced to true)', () => {
    expect(
      loadConfig({ NODE_ENV: 'development', TRUST_PROXY: 'false' }, configDir).http.trustProxy,
    ).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'development', TRUST_PROXY: '2' }, configDir).http.trustProxy,
    ).toBe(2);
  });

  it('when TRUST_PROXY is "1", then it means one proxy hop, not "trust every address"', () => {
    expect(
      loadConfig({ NODE_ENV: 'development', TRUST_PROXY: '1' }, configDir).http.trustProxy,
    ).toBe(1);
    expect(
      loadConfig({ NODE_ENV: 'development', TRUST_PROXY: 'true' }, configDir).http.trustProxy,
    ).toBe(true);
  });
});
