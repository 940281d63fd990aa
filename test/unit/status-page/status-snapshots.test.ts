import type { Repositories } from '../../../src/app/container';
import { defaultMerchantPreferences, type Merchant } from '../../../src/merchants/merchant';
import { ManualClock } from '../../../src/shared/clock';
import { StatusSnapshots } from '../../../src/web/status-page/status-snapshots';
import { guestOrder } from './status-fixtures';

const clock = new ManualClock();
const freshMs = 2000;

const merchant: Merchant = {
  id: 'm1',
  name: 'Shop',
  branding: { displayName: 'Shop', primaryColor: '#123456' },
  senders: { email: {}, sms: {} },
  preferences: defaultMerchantPreferences(),
  createdAt: clock.now(),
  updatedAt: clock.now(),
};

const order = guestOrder(clock.now());

/**
 * Repositories in memory that count their queries and answer only when the test lets them,
 * so requests can pile up behind a check the way they do behind a slow database.
 */
function fakeRepos() {
  const calls = { token: 0, versions: 0, load: 0 };
  let fingerprint = 'v1';
  let gate: Promise<void> = Promise.resolve();
  let failNext = false;
  const wait = async () => {
    await gate;
    if (failNext) {
      failNext = false;
      throw new Error('database unavailable');
    }
  };
  const repos = {
    statusTokens: {
      findUsable: async (tokenHash: string) => {
        calls.token++;
        await wait();
        // hash-1 never expires; hash-soon expires a second after it is first checked.
        return tokenHash === 'hash-1' || tokenHash === 'hash-soon'
          ? {
              id: 't1',
              tokenHash,
              merchantId: 'm1',
              orderId: 'o1',
              expiresAt: tokenHash === 'hash-soon' ? new Date(clock.now().getTime() + 1000) : null,
              createdAt: clock.now(),
            }
          : null;
      },
    },
    shipments: {
      versionsByOrder: async () => {
        calls.versions++;
        await wait();
        return [fingerprint];
      },
      findByOrder: async () => {
        calls.load++;
        return [];
      },
    },
    orders: { findById: async () => order },
    merchants: { findById: async () => merchant },
  } as unknown as Repositories;
  return {
    repos,
    calls,
    changeShipments: (next: string) => {
      fingerprint = next;
    },
    /** Queries made from now on wait until the returned function is called. */
    hold: () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      gate = held;
      return () => {
        if (gate === held) gate = Promise.resolve();
        release();
      };
    },
    failNextQuery: () => {
      failNext = true;
    },
  };
}

describe('StatusSnapshots', () => {
  it('loads a page once for the requests that arrive while it loads', async () => {
    const db = fakeRepos();
    const snapshots = new StatusSnapshots(db.repos, clock, freshMs);
    const release = db.hold();
    const pending = Array.from({ length: 50 }, () => snapshots.get('hash-1'));
    release();
    const answers = await Promise.all(pending);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]?.order.id).toBe('o1');
    expect(db.calls).toEqual({ token: 1, versions: 2, load: 1 });
  });

  it('peeks (for the fast lane) only at what memory alone can answer: fresh, known, not forgotten', async () => {
    const db = fakeRepos();
    const snapshots = new StatusSnapshots(db.repos, clock, freshMs);
    expect(snapshots.peek('hash-1')).toBeUndefined();
    const loaded = await snapshots.get('hash-1');
    const queries = { ...db.calls };
    expect(snapshots.peek('hash-1')).toBe(loaded);
    expect(snapshots.peek('hash-2')).toBeUndefined();
    expect(db.calls).toEqual(queries);
    clock.advance(freshMs);
    // Stale: the route re-checks it; peeking never queries.
    expect(snapshots.peek('hash-1')).toBeUndefined();
    expect(db.calls).toEqual(queries);
    await snapshots.get('hash-1');
    expect(snapshots.peek('hash-1')).toBe(loaded);
    snapshots.forget('hash-1');
    expect(snapshots.peek('hash-1')).toBeUndefined();
    // A link that expires within the freshness window is not answered from memory after it.
    expect(await snapshots.get('hash-soon')).toBeTruthy();
    expect(snapshots.peek('hash-soon')).toBeTruthy();
    clock.advance(1000);
    expect(snapshots.peek('hash-soon')).toBeUndefined();
  });

  it('re-checks a stale page with one query pair however many requests wait on it', async () => {
    const db = fakeRepos();
    const snapshots = new StatusSnapshots(db.repos, clock, freshMs);
    const first = await snapshots.get('hash-1');
    clock.advance(freshMs);
    const release = db.hold();
    const pending = Array.from({ length: 200 }, () => snapshots.get('hash-1'));
    release();
    const answers = await Promise.all(pending);
    expect(answers.every((a) => a === first)).toBe(true);
    // One more token check and fingerprint read; the unchanged snapshot is not reloaded.
    expect(db.calls).toEqual({ token: 2, versions: 3, load: 1 });
    // Fresh again: no query until freshMs has passed.
    await snapshots.get('hash-1');
    expect(db.calls.token).toBe(2);
  });

  it('reloads after a change, once', async () => {
    const db = fakeRepos();
    const snapshots = new StatusSnapshots(db.repos, clock, freshMs);
    const first = await snapshots.get('hash-1');
    db.changeShipments('v2');
    clock.advance(freshMs);
    const answers = await Promise.all([snapshots.get('hash-1'), snapshots.get('hash-1')]);
    expect(answers[0]).not.toBe(first);
    expect(answers[1]).toBe(answers[0]);
    expect(db.calls.load).toBe(2);
  });

  it('fails every request that shared a failed check, and the next request checks again', async () => {
    const db = fakeRepos();
    const snapshots = new StatusSnapshots(db.repos, clock, freshMs);
    db.failNextQuery();
    const release = db.hold();
    const pending = [snapshots.get('hash-1'), snapshots.get('hash-1')].map((p) =>
      p.then(
        () => 'answered',
        (err: Error) => err.message,
      ),
    );
    release();
    expect(await Promise.all(pending)).toEqual(['database unavailable', 'database unavailable']);
    expect(db.calls.token).toBe(1);
    expect((await snapshots.get('hash-1'))?.order.id).toBe('o1');
    expect(db.calls.token).toBe(2);
  });

  it('answers unknown tokens with null and shares that answer too', async () => {
    const db = fakeRepos();
    const snapshots = new StatusSnapshots(db.repos, clock, freshMs);
    const answers = await Promise.all([snapshots.get('nope'), snapshots.get('nope')]);
    expect(answers).toEqual([null, null]);
    expect(db.calls.token).toBe(1);
  });

  it('does not let a check that began before forget() answer or cache for later requests', async () => {
    const db = fakeRepos();
    const snapshots = new StatusSnapshots(db.repos, clock, freshMs);
    const first = await snapshots.get('hash-1');
    clock.advance(freshMs);
    const releaseBefore = db.hold();
    const before = snapshots.get('hash-1');
    // This process changes the order (guest preferences) while the check waits on the database.
    db.changeShipments('v2');
    snapshots.forget('hash-1');
    const releaseAfter = db.hold();
    const after = snapshots.get('hash-1');
    // The later check answers first; the earlier one finishes last and must not overwrite it.
    releaseAfter();
    const fresh = await after;
    releaseBefore();
    const old = await before;
    expect(db.calls.token).toBe(3);
    expect(fresh).not.toBe(first);
    expect(old).not.toBe(fresh);
    expect(await snapshots.get('hash-1')).toBe(fresh);
  });
});
