import { changedPaths } from '../../../src/audit/audit-entry';

describe('changedPaths', () => {
  it('when nothing differs, then no path is listed', () => {
    const settings = { preferences: { timezone: 'UTC', quietHours: { sms: null } }, tags: ['a'] };
    expect(changedPaths(settings, structuredClone(settings))).toEqual([]);
  });

  it('when a nested value changes, then only its dotted path is listed', () => {
    expect(
      changedPaths(
        { preferences: { timezone: 'UTC', smsRequiresConsent: true }, branding: { name: 'A' } },
        {
          preferences: { timezone: 'Europe/Paris', smsRequiresConsent: true },
          branding: { name: 'A' },
        },
      ),
    ).toEqual(['preferences.timezone']);
  });

  it('when a key is added or removed, then its path is listed', () => {
    expect(changedPaths({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual(['b', 'c']);
  });

  it('when a key is missing on one side and undefined on the other, then it is unchanged', () => {
    expect(changedPaths({ a: 1, logoUrl: undefined }, { a: 1 })).toEqual([]);
  });

  it('when a value becomes null, then null counts as a value', () => {
    expect(changedPaths({ quietHours: { sms: 'x' } }, { quietHours: { sms: null } })).toEqual([
      'quietHours.sms',
    ]);
  });

  it('when an object replaces null, then each of its leaves is listed', () => {
    expect(
      changedPaths(
        { quietHours: { sms: null } },
        { quietHours: { sms: { start: '21:00', end: '08:00' } } },
      ),
    ).toEqual(['quietHours.sms.start', 'quietHours.sms.end']);
  });

  it('when there is no before (a creation), then every leaf of after is listed', () => {
    expect(
      changedPaths(undefined, { url: 'https://a.example', milestones: ['delivered'] }),
    ).toEqual(['url', 'milestones']);
    expect(changedPaths({ prefix: 'pl_live_ab' }, null)).toEqual(['prefix']);
  });

  it('when a list changes, then the list is one path, not one per index', () => {
    expect(
      changedPaths({ milestones: ['delivered'] }, { milestones: ['delivered', 'shipped'] }),
    ).toEqual(['milestones']);
    expect(changedPaths({ rows: [{ a: 1 }] }, { rows: [{ a: 1 }] })).toEqual([]);
  });

  it('when dates are equal instants, then they are unchanged', () => {
    expect(
      changedPaths(
        { at: new Date('2026-01-01T00:00:00Z') },
        { at: new Date(Date.UTC(2026, 0, 1)) },
      ),
    ).toEqual([]);
    expect(changedPaths({ at: new Date(0) }, { at: new Date(1) })).toEqual(['at']);
  });

  it('when a value changes type, then its path is listed once', () => {
    expect(changedPaths({ a: { b: 1 } }, { a: 'flat' })).toEqual(['a']);
    expect(changedPaths({ a: [1] }, { a: { 0: 1 } })).toEqual(['a']);
  });

  it('when neither side is an object, then the empty path stands for the value', () => {
    expect(changedPaths('a', 'b')).toEqual(['']);
    expect(changedPaths(1, 1)).toEqual([]);
    expect(changedPaths(undefined, undefined)).toEqual([]);
  });
});
