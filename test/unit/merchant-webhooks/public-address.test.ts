import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postJson } from '../../../src/merchant-webhooks/post-json';
import {
  carriedIpv4,
  internalHostReason,
  isInternalAddress,
  publicOnlyLookup,
} from '../../../src/merchant-webhooks/public-address';

describe('merchant webhook targets (SSRF guard)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.5',
    '192.168.1.10',
    '169.254.169.254', // cloud metadata
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::127.0.0.1', // IPv4-compatible
    '::7f00:1',
    '::8.8.8.8', // IPv4-compatible is deprecated: refused whatever it carries
    '2002:7f00:1::', // 6to4 of 127.0.0.1
    '2002:a9fe:a9fe::1', // 6to4 of 169.254.169.254
    '2002:c0a8:101:1::1', // 6to4 of 192.168.1.1
    '64:ff9b::7f00:1', // NAT64 of 127.0.0.1
    '64:ff9b::10.0.0.1',
    '64:ff9b:1::808:808', // local-use NAT64 prefix
    '2001:0:a9fe:a9fe::1', // Teredo via server 169.254.169.254
    '2001:0:4136:e378:8000:63bf:f5ff:fffe', // Teredo for client 10.0.0.1 (stored inverted)
    'fe80::1%eth0',
  ])('when the address is %s, then it is internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '172.32.0.1',
    'example.com',
    '::ffff:8.8.8.8',
    '2002:808:808::1', // 6to4 of 8.8.8.8
    '64:ff9b::808:808', // NAT64 of 8.8.8.8
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7', // Teredo for client 8.8.8.8 via 65.54.227.120
  ])('when the address is %s, then it is not internal', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });

  it('when a URL names localhost or an internal IP literal, then the reason says so', () => {
    expect(internalHostReason(new URL('https://localhost/x'))).toMatch(/this machine/);
    expect(internalHostReason(new URL('https://api.localhost/x'))).toMatch(/this machine/);
    expect(internalHostReason(new URL('https://[::1]:8443/x'))).toMatch(/private or reserved/);
    expect(internalHostReason(new URL('https://169.254.169.254/latest'))).toMatch(/reserved/);
    expect(internalHostReason(new URL('https://[::127.0.0.1]/x'))).toMatch(/reserved/);
    expect(internalHostReason(new URL('https://[2002:7f00:1::]/x'))).toMatch(/reserved/);
    expect(internalHostReason(new URL('https://hooks.example.com/x'))).toBeNull();
  });

  it('when an IPv6 address carries an IPv4 address, then each carried address is found', () => {
    expect(carriedIpv4('2002:c0a8:101::1')).toEqual(['192.168.1.1']);
    expect(carriedIpv4('64:ff9b::192.0.2.33')).toEqual(['192.0.2.33']);
    expect(carriedIpv4('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toEqual([
      '65.54.227.120',
      '192.0.2.45',
    ]);
    expect(carriedIpv4('2606:4700:4700::1111')).toEqual([]);
  });

  it('when a name resolves to an internal address, then the lookup refuses it', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicOnlyLookup('localhost', {}, (e) => resolve(e)),
    );
    expect(error?.code).toBe('EPRIVATEADDRESS');
    expect(error?.message).toMatch(/refusing to deliver to localhost/);
  });

  it('when a delivery targets a loopback receiver, then it is refused unless internal targets are allowed', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      await expect(postJson(`http://127.0.0.1:${port}/hook`, '{}', {}, 2_000)).rejects.toThrow(
        /refusing to deliver/,
      );
      await expect(postJson(`http://localhost:${port}/hook`, '{}', {}, 2_000)).rejects.toThrow(
        /refusing to deliver/,
      );
      await expect(postJson(`http://127.0.0.1:${port}/hook`, '{}', {}, 2_000, true)).resolves.toBe(
        204,
      );
    } finally {
      server.close();
    }
  });
});
