import { Writable } from 'node:stream';
import { createLogger, redactUrl } from '../../src/shared/logger';

describe('logs carry no personal data', () => {
  it('when a status or unsubscribe link is logged, then its token is replaced', () => {
    expect(redactUrl('/t/abcDEF1234567890_-xyz?lang=fr')).toBe('/t/[token]');
    expect(redactUrl('/u/abcDEF1234567890_-xyz')).toBe('/u/[token]');
    expect(redactUrl('/t/abcDEF1234567890_-xyz.json')).toBe('/t/[token].json');
    expect(redactUrl('/api/v1/orders?email=a@b.c')).toBe('/api/v1/orders');
  });

  it('when an object with email, phone or token fields is logged, then those values are censored', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()),
    });
    createLogger('info', sink).info(
      { email: 'ada@example.com', guest: { phone: '+12025550143' }, token: 'secret' },
      'hello',
    );
    expect(lines.join('')).not.toMatch(/ada@example|2025550143|secret/);
    expect(lines.join('')).toMatch(/\[redacted\]/);
  });
});
