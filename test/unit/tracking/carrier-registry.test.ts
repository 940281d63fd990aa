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
      'DHL tracking is disabled: set DHL_API_KEY',
    ]);
    expect(registry.detect('1Z999AA10123456784')).toEqual({ ok: true, carrier: 'ups' });
    expect(registry.detect('1234567891')).toEqual({ ok: true, carrier: 'dhl' });
    expect(registry.detect('449044304137')).toEqual({ ok: true, carrier: 'fedex' });
    expect(registry.detect('SIM1HAPPY')).toEqual({ ok: true, carrier: 'simulated' });
    expect(registry.detect('1Z999AA10123456785')).toMatchObject({
      ok: false,
      reason: 'unknown_format',
    });
  });

  it('when credentials are configured, then the carrier is enabled', () => {
    const registry = createCarrierRegistry(
      loadConfig(
        { NODE_ENV: 'development', UPS_CLIENT_ID: 'id', UPS_CLIENT_SECRET: 's', DHL_API_KEY: 'k' },
        configDir,
      ),
    );
    expect(registry.get('ups')?.enabled).toBe(true);
    expect(registry.get('dhl')?.enabled).toBe(true);
  });
});
