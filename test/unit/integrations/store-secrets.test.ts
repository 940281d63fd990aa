import { createHmac } from 'node:crypto';
import { parseStorePayload } from '../../../src/integrations/payload-reading';
import { openSecret, sealSecret, sealingKey } from '../../../src/integrations/secret-box';
import { verifyStoreSignature } from '../../../src/integrations/store-signature';

describe('store secrets and signatures', () => {
  const key = sealingKey('a-token-secret-of-some-length');

  it('when a secret is sealed, then only the same key opens it and tampering is detected', () => {
    const sealed = sealSecret(key, 'shpss_secret');
    expect(sealed).not.toContain('shpss_secret');
    expect(sealSecret(key, 'shpss_secret')).not.toBe(sealed); // a fresh IV each time
    expect(openSecret(key, sealed)).toBe('shpss_secret');
    expect(openSecret(sealingKey('another-token-secret'), sealed)).toBeNull();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = `${v}.${iv}.${tag}.${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1)}`;
    expect(openSecret(key, flipped)).toBeNull();
  });

  it('when a body is signed as Shopify and WooCommerce do, then it verifies; any other header does not', () => {
    const body = Buffer.from('{"id":1}');
    const header = createHmac('sha256', 'secret').update(body).digest('base64');
    expect(verifyStoreSignature('secret', body, header)).toBe(true);
    expect(verifyStoreSignature('secret', body, undefined)).toBe(false);
    expect(verifyStoreSignature('secret', body, header.slice(1))).toBe(false);
    expect(verifyStoreSignature('other', body, header)).toBe(false);
  });

  it('when a payload has integers beyond 2^53, then they are read as exact text, strings untouched', () => {
    expect(parseStorePayload('{"id":820982911946154508,"n":3,"s":"12345678901234567890"}')).toEqual(
      {
        id: '820982911946154508',
        n: 3,
        s: '12345678901234567890',
      },
    );
  });
});
