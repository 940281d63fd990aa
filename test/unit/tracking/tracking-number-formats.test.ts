import {
  isDhlExpressNumber,
  isFedexExpressNumber,
  isFedexGroundNumber,
  isS10Number,
  isUpsNumber,
  isUspsImpbNumber,
  mod10Weighted31,
} from '../../../src/tracking/domain/tracking-number-formats';

/** Replaces the last digit so the number fails its check. */
const breakCheck = (n: string) => n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10);
/** Appends the GS1 mod-10 check digit. */
const withMod10 = (body: string) =>
  [...'0123456789'].map((d) => body + d).find(mod10Weighted31) as string;

describe('tracking number check digits', () => {
  it.each([
    ['UPS', isUpsNumber, '1Z999AA10123456784'],
    ['FedEx Express', isFedexExpressNumber, '449044304137'],
    ['DHL Express', isDhlExpressNumber, '1234567891'],
    ['S10', isS10Number, 'EE123456785US'],
  ])(
    'when a valid %s number %#, then it matches, and with a wrong check digit it does not',
    (_name, check, number) => {
      expect(check(number)).toBe(true);
      expect(
        check(breakCheck(number.replace(/[A-Z]{2}$/, '')) + (number.match(/[A-Z]{2}$/)?.[0] ?? '')),
      ).toBe(false);
    },
  );

  it('when USPS IMpb and FedEx Ground numbers carry a GS1 mod-10 digit, then only the right check passes', () => {
    const impb = withMod10('940011189922385112345');
    expect(impb).toHaveLength(22);
    expect(isUspsImpbNumber(impb)).toBe(true);
    expect(isUspsImpbNumber(breakCheck(impb))).toBe(false);
    expect(isUspsImpbNumber(withMod10('8400111899223851123'))).toBe(false); // wrong prefix
    const ground = `9611019${withMod10('01234567890123')}`;
    expect(isFedexGroundNumber(ground)).toBe(true);
    expect(isFedexGroundNumber(breakCheck(ground))).toBe(false);
  });

  it('when a number has the wrong shape, then no carrier claims it', () => {
    for (const n of ['', '1Z999AA1012345678', 'ABCDEFGHIJ', '12345', 'EE12345678US']) {
      expect(
        [isUpsNumber, isFedexExpressNumber, isDhlExpressNumber, isS10Number, isUspsImpbNumber].some(
          (f) => f(n),
        ),
      ).toBe(false);
    }
  });
});
