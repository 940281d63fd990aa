import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config/load-config';
import { createLogger } from '../../../src/shared/logger';
import { createCarrierRegistry } from '../../../src/tracking/carriers';

const configDir = path.resolve(__dirname, '../../../config');

describe('the carrier registry', () => {
  it('when no carrier credentials are set, then each real carrier is disabled with one startup line, and numbers are still recognized', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()),
    });
    const registry = createCarrierRegistry(
      loadConfig({ NODE_ENV: 'development' }, configDir),
      new Date(),
      createLogger('info', sink),
    );
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual([
      'FedEx tracking is disabled: set FEDEX_CLIENT_ID and FEDEX_CLIENT_SECRET',
      'UPS tracking is disabled: set UPS_CLIENT_ID and UPS_CLIENT_SECRET',
      'USPS tracking is disabled: set USPS_CLIENT_ID and USPS_CLIENT_SECRET',
      'DHL tracking is disabled: set DHL_API_KEY',
      'EasyPost tracking is disabled: set EASYPOST_API_KEY (numbers no carrier claims are rejected)',
    ]);
    expect(registry.detect('1Z999AA10123456784')).toEqual({ ok: true, carrier: 'ups' });
    expect(registry.detect('1234567891')).toEqual({ ok: true, carrier: 'dhl' });
    expect(registry.detect('449044304137')).toEqual({ ok: true, carrier: 'fedex' });
    expect(registry.detect('SIM1HAPPY')).toEqual({ ok: true, carrier: 'simulated' });
    expect(registry.detect('9400 1118 9922 3855 1000 17')).toEqual({ ok: true, carrier: 'usps' });
    expect(registry.detect('EA123456785US')).toEqual({ ok: true, carrier: 'usps' });
    expect(registry.detect('1Z999AA10123456785')).toMatchObject({
      ok: false,
      reason: 'unknown_format',
    });
  });

  it('when credentials are configured, then the carrier is enabled', () => {
    const registry = createCarrierRegistry(
      loadConfig(
        {
          NODE_ENV: 'development',
          UPS_CLIENT_ID: 'id',
          UPS_CLIENT_SECRET: 's',
          USPS_CLIENT_ID: 'id',
          USPS_CLIENT_SECRET: 's',
          DHL_API_KEY: 'k',
        },
        configDir,
      ),
    );
    expect(registry.get('ups')?.enabled).toBe(true);
    expect(registry.get('usps')?.enabled).toBe(true);
    expect(registry.get('dhl')?.enabled).toBe(true);
  });

  it('when the aggregator is configured, then numbers no carrier claims, or several claim, go to it', () => {
    const withAggregator = createCarrierRegistry(
      loadConfig({ NODE_ENV: 'development', EASYPOST_API_KEY: 'EZTKtest' }, configDir),
    );
    expect(withAggregator.detect('LX123456789CN')).toEqual({ ok: true, carrier: 'easypost' });
    expect(withAggregator.detect('1Z999AA10123456784')).toEqual({ ok: true, carrier: 'ups' });
    const sscc = '00340123456789012340'; // a FedEx Ground SSCC and a DHL Parcel number at once
    expect(withAggregator.detect(sscc)).toEqual({ ok: true, carrier: 'easypost' });
    const without = createCarrierRegistry(loadConfig({ NODE_ENV: 'development' }, configDir));
    expect(without.detect('LX123456789CN')).toMatchObject({ ok: false, reason: 'unknown_format' });
    expect(without.detect(sscc)).toEqual({
      ok: false,
      reason: 'ambiguous',
      candidates: ['fedex', 'dhl'],
    });
  });

  it('when per-carrier limits are configured, then the adapters use them and keep their other defaults', () => {
    const registry = createCarrierRegistry(
      loadConfig(
        {
          NODE_ENV: 'development',
          CARRIER_CONCURRENCY: 'ups=8, usps=1',
          CARRIER_REQUESTS_PER_SECOND: 'usps=0.5',
        },
        configDir,
      ),
    );
    expect(registry.get('ups')?.limits).toEqual({
      batchSize: 1,
      concurrency: 8,
      requestsPerSecond: 5,
    });
    expect(registry.get('usps')?.limits).toEqual({
      batchSize: 1,
      concurrency: 1,
      requestsPerSecond: 0.5,
    });
    expect(registry.get('fedex')?.limits).toEqual({
      batchSize: 30,
      concurrency: 2,
      requestsPerSecond: 5,
    });
  });

  it.each([
    ['CARRIER_CONCURRENCY', 'upss=2'],
    ['CARRIER_CONCURRENCY', 'ups=0'],
    ['CARRIER_CONCURRENCY', 'ups=1.5'],
    ['CARRIER_REQUESTS_PER_SECOND', 'ups=fast'],
  ])('when %s is %p, then configuration fails naming the variable', (name, value) => {
    expect(() => loadConfig({ NODE_ENV: 'development', [name]: value }, configDir)).toThrow(name);
  });
});
