import { createHmac } from 'node:crypto';
import type { Types } from 'mongoose';
import { SuppressionModel } from '../models';
import { objectId } from '../to-entity';
import { maskAddress } from '../../notify/domain/mask-address';
import type { Channel } from '../../tracking/domain/taxonomy';

export interface Suppression {
  channel: Channel;
  address: string;
  /** Empty string: every merchant. */
  merchantId: string;
  reason: string;
  source?: string;
  createdAt: Date;
}

/** What is kept of a suppression: the address only as a keyed hash, never readable. */
export type StoredSuppression = Omit<Suppression, 'address'>;

/** A suppression as a merchant's list shows it: never the address, only a hint of it. */
export interface ListedSuppression extends StoredSuppression {
  id: string;
  /** The masked address (maskAddress); null for suppressions recorded before hints existed. */
  hint: string | null;
  /** A shared suppression (`merchantId: ''`, e.g. STOP to a shared sender): every merchant obeys it. */
  global: boolean;
}

interface SuppressionDoc {
  _id: Types.ObjectId;
  channel: string;
  merchantId?: string | null;
  reason: string;
  source?: string | null;
  hint?: string | null;
  createdAt: Date;
}

/** Picks the fields by name, so the address hash never leaves the repository. */
function listed(doc: SuppressionDoc): ListedSuppression {
  const merchantId = doc.merchantId ?? '';
  return {
    id: doc._id.toHexString(),
    channel: doc.channel as Channel,
    hint: doc.hint ?? null,
    reason: doc.reason,
    source: doc.source ?? undefined,
    createdAt: doc.createdAt,
    merchantId,
    global: merchantId === '',
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function normalizeAddress(channel: Channel, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.replace(/[^\d+]/g, '');
}

export const suppressionKey = (l: { channel: Channel; address: string; merchantId: string }) =>
  `${l.channel}:${l.merchantId}:${l.address}`;

/**
 * Suppressions outlive the orders they came from, so the address is stored as an HMAC under a
 * key derived from TOKEN_SECRET: an erased guest leaves nothing readable, and the same address
 * still finds its suppression.
 */
export class SuppressionRepository {
  private readonly key: Buffer;

  constructor(tokenSecret: string) {
    this.key = createHmac('sha256', tokenSecret)
      .update('porchlight:suppression-address:v1')
      .digest();
  }

  /** Idempotent: suppressing twice keeps the first record. */
  async add(entry: Omit<Suppression, 'createdAt'>): Promise<void> {
    const address = this.hash(entry.channel, entry.address);
    // A provider's reason may quote the address it refused; the record must not keep it.
    const quoted = new RegExp(escapeRegExp(normalizeAddress(entry.channel, entry.address)), 'gi');
    const unquoted = (text?: string) => text?.replace(quoted, '[address]');
    await SuppressionModel.updateOne(
      { channel: entry.channel, address, merchantId: entry.merchantId },
      {
        $setOnInsert: {
          ...entry,
          address,
          reason: unquoted(entry.reason),
          source: unquoted(entry.source),
          hint: maskAddress(entry.channel, normalizeAddress(entry.channel, entry.address)),
        },
      },
      { upsert: true },
    );
  }

  async remove(channel: Channel, address: string, merchantId: string): Promise<number> {
    const result = await SuppressionModel.deleteMany({
      channel,
      address: this.hash(channel, address),
      merchantId,
    });
    return result.deletedCount;
  }

  /**
   * For a batch of (channel, address, merchant) lookups, the reason each is blocked, keyed by
   * `suppressionKey`; one query for the whole batch.
   */
  async findMany(
    lookups: Array<{ channel: Channel; address: string; merchantId: string }>,
  ): Promise<Map<string, string>> {
    const wanted = lookups.filter((l) => l.address);
    if (wanted.length === 0) return new Map();
    const docs = await SuppressionModel.find({
      channel: { $in: [...new Set(wanted.map((l) => l.channel))] },
      address: { $in: [...new Set(wanted.map((l) => this.hash(l.channel, l.address)))] },
    }).lean();
    const found = new Map<string, string>();
    for (const l of wanted) {
      const address = this.hash(l.channel, l.address);
      const hit = docs.find(
        (d) =>
          d.channel === l.channel &&
          d.address === address &&
          ((d.merchantId ?? '') === '' || d.merchantId === l.merchantId),
      );
      if (hit) found.set(suppressionKey(l), hit.reason);
    }
    return found;
  }

  /** The suppression that blocks this address for this merchant, if any (its own or a global one). */
  async find(
    channel: Channel,
    address: string,
    merchantId: string,
  ): Promise<ListedSuppression | null> {
    const doc = await SuppressionModel.findOne({
      channel,
      address: this.hash(channel, address),
      merchantId: { $in: [merchantId, ''] },
    }).lean();
    return doc ? listed(doc) : null;
  }

  /**
   * The merchant's own suppressions and the global ones, newest first, after an opaque
   * position (same cursor idea as NotificationRepository.page).
   */
  async list(
    merchantId: string,
    options: { limit: number; after?: { createdAt: Date; id: string }; channel?: Channel },
  ): Promise<ListedSuppression[]> {
    const query: Record<string, unknown> = { merchantId: { $in: [merchantId, ''] } };
    if (options.channel) query.channel = options.channel;
    const { after } = options;
    if (after)
      query.$or = [
        { createdAt: { $lt: after.createdAt } },
        { createdAt: after.createdAt, _id: { $lt: after.id } },
      ];
    const docs = await SuppressionModel.find(query)
      .sort({ createdAt: -1, _id: -1 })
      .limit(options.limit)
      .lean();
    return docs.map(listed);
  }

  /** One suppression the merchant's sends obey: its own or a global one. */
  async findForMerchant(merchantId: string, id: string): Promise<ListedSuppression | null> {
    const _id = objectId(id);
    if (!_id) return null;
    const doc = await SuppressionModel.findOne({
      _id,
      merchantId: { $in: [merchantId, ''] },
    }).lean();
    return doc ? listed(doc) : null;
  }

  /**
   * Deletes one of the merchant's own suppressions (never a global one, never another
   * merchant's) and returns what was removed; null when there was none.
   */
  async liftById(merchantId: string, id: string): Promise<ListedSuppression | null> {
    const _id = objectId(id);
    if (!_id || !merchantId) return null;
    const doc = await SuppressionModel.findOneAndDelete({ _id, merchantId }).lean();
    return doc ? listed(doc) : null;
  }

  private hash(channel: Channel, address: string): string {
    return createHmac('sha256', this.key)
      .update(`${channel}:${normalizeAddress(channel, address)}`)
      .digest('hex');
  }
}
