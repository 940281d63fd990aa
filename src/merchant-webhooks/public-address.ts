import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a merchant's webhook must never reach from our servers (SSRF): loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, benchmarking, multicast and reserved ranges.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, 6to4, NAT64, Teredo) are also
 * checked as the IPv4 addresses they carry: each can lead a packet to that IPv4 host.
 */
const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  internal.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, prefix, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 4) return internal.check(address, 'ipv4');
  if (internal.check(address, 'ipv6')) return true;
  return carriedIpv4(address).some((ipv4) => internal.check(ipv4, 'ipv4'));
}

/** The IPv4 addresses an IPv6 address carries by a transition mechanism's layout, if any. */
export function carriedIpv4(address: string): string[] {
  const words = ipv6Words(address);
  const word = (i: number) => words[i] ?? 0;
  const ipv4 = (high: number, low: number) =>
    [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  const zerosBefore = (end: number, from = 0) => words.slice(from, end).every((w) => w === 0);
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, also refused as a range).
  if (zerosBefore(5) && (word(5) === 0 || word(5) === 0xffff)) return [ipv4(word(6), word(7))];
  // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052).
  if (word(0) === 0x64 && word(1) === 0xff9b && zerosBefore(6, 2)) return [ipv4(word(6), word(7))];
  // 6to4 2002:AABB:CCDD::/48 (RFC 3056).
  if (word(0) === 0x2002) return [ipv4(word(1), word(2))];
  // Teredo 2001:0::/32: the server's address, then the client's stored inverted (RFC 4380).
  if (word(0) === 0x2001 && word(1) === 0)
    return [ipv4(word(2), word(3)), ipv4(~word(6) & 0xffff, ~word(7) & 0xffff)];
  return [];
}

/** The eight 16-bit words of a valid IPv6 address (a trailing dotted quad and a zone allowed). */
function ipv6Words(address: string): number[] {
  let text = address.split('%')[0] ?? '';
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((w) => parseInt(w, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** Why a URL's host is internal on its face (an internal IP literal or a localhost name), or null. */
export function internalHostReason(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this machine`;
  if (isInternalAddress(host)) return `${host} is a private or reserved address`;
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that resolves as usual and refuses internal addresses, so the
 * connection goes to the address that was checked (no DNS-rebinding gap between check and use).
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const blocked = list.find((a) => isInternalAddress(a.address));
    if (blocked || list.length === 0) {
      const refusal: NodeJS.ErrnoException = new Error(
        `refusing to deliver to ${hostname}: it resolves to ${blocked?.address ?? 'nothing'}, a private or reserved address`,
      );
      refusal.code = 'EPRIVATEADDRESS';
      return callback(refusal, []);
    }
    if (options.all) return callback(null, list);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}
