/**
 * Tracking-number formats and check digits of the major carriers, so a number can be assigned
 * to its carrier without asking anyone. Pure functions of the number.
 */

const digitsOnly = (s: string) => /^\d+$/.test(s);

/** The one stored form of a tracking number: no whitespace, upper case. */
export function normalizeTrackingNumber(n: string): string {
  return n.replace(/\s+/g, '').toUpperCase();
}

/** UPS 1Z: 1Z + 15 characters + check digit; letters count as (code - 63) mod 10, odd/even weights 1/2. */
export function isUpsNumber(n: string): boolean {
  const m = /^1Z([0-9A-Z]{15})(\d)$/.exec(n);
  if (!m) return false;
  const values = [...(m[1] as string)].map((c) =>
    /\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10,
  );
  const sum = values.reduce((acc, v, i) => acc + (i % 2 === 1 ? v * 2 : v), 0);
  return (10 - (sum % 10)) % 10 === Number(m[2]);
}

/** FedEx Express 12 digits: weights 3, 7, 1 from the right over the first 11; sum mod 11 mod 10. */
export function isFedexExpressNumber(n: string): boolean {
  if (n.length !== 12 || !digitsOnly(n)) return false;
  const body = [...n.slice(0, 11)].reverse().map(Number);
  const weights = [3, 7, 1];
  const sum = body.reduce((acc, d, i) => acc + d * (weights[i % 3] as number), 0);
  return (sum % 11) % 10 === Number(n[11]);
}

/** Mod-10 with weights 3 and 1 alternating from the right (GS1/IMpb, FedEx Ground 96…). */
export function mod10Weighted31(n: string): boolean {
  if (!digitsOnly(n) || n.length < 2) return false;
  const body = [...n.slice(0, -1)].reverse().map(Number);
  const sum = body.reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(n.at(-1));
}

/** FedEx Ground: 15 digits, or 22 digits starting 96 (mod-10 on the last 15), or 20-digit SSCC 00… */
export function isFedexGroundNumber(n: string): boolean {
  if (!digitsOnly(n)) return false;
  if (n.length === 22 && n.startsWith('96')) return mod10Weighted31(n.slice(7));
  if (n.length === 20 && n.startsWith('00')) return mod10Weighted31(n.slice(2));
  if (n.length === 15) return mod10Weighted31(n);
  return false;
}

/** USPS IMpb: 20–22 digits starting 91–95, GS1 mod-10 check digit. */
export function isUspsImpbNumber(n: string): boolean {
  return (
    digitsOnly(n) && n.length >= 20 && n.length <= 22 && /^9[1-5]/.test(n) && mod10Weighted31(n)
  );
}

/** UPU S10 (international post, e.g. EA123456785US): weights 8 6 4 2 3 5 9 7, 11 − sum mod 11. */
export function isS10Number(n: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(n);
  if (!m) return false;
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...(m[1] as string)].reduce(
    (acc, d, i) => acc + Number(d) * (weights[i] as number),
    0,
  );
  const check = 11 - (sum % 11);
  return (check === 10 ? 0 : check === 11 ? 5 : check) === Number(m[2]);
}

/** DHL Express waybill: 10 digits, the last being the first nine mod 7. */
export function isDhlExpressNumber(n: string): boolean {
  return n.length === 10 && digitsOnly(n) && Number(n.slice(0, 9)) % 7 === Number(n[9]);
}

/** DHL eCommerce / Parcel numbers starting JJD, JVGL, GM or 00340 (no public check digit). */
export function isDhlParcelNumber(n: string): boolean {
  return /^(JJD\d{12,20}|JVGL\d{10,20}|GM\d{16,20}|00340\d{15})$/.test(n);
}
