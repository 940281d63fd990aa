import { OrderModel } from '../models';
import { objectId, toEntity, toEntityOrNull } from '../to-entity';
import type { Order } from '../../orders/order';

export type OrderInput = Omit<Order, 'id' | 'createdAt' | 'updatedAt' | 'erasedAt' | 'cancelledAt'>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function normalizeEmail(email: string | undefined): string | undefined {
  return email?.trim().toLowerCase() || undefined;
}

function fromDoc(doc: unknown): Order {
  const order = toEntity<Order & { guest: { emailNormalized?: string }; storeUpdatedAt?: Date }>(
    doc,
  );
  delete order.guest.emailNormalized;
  delete order.storeUpdatedAt;
  return order;
}

export class OrderRepository {
  /**
   * Creates or updates by the merchant's external id (the natural key). `insertOnly` never
   * overwrites an existing order (a store event that knows less than the order already does).
   * `storeVersion` (when the store changed the order) applies only if no later change was
   * applied: the comparison is part of the update's filter, so two deliveries racing each other
   * cannot both win, and a refused one comes back `stale` with the order as it stands.
   */
  async upsert(
    input: OrderInput,
    options: { insertOnly?: boolean; storeVersion?: Date } = {},
  ): Promise<{ order: Order; created: boolean; stale: boolean }> {
    const { merchantId, externalId, ...fields } = input;
    const values = {
      ...fields,
      guest: { ...fields.guest, emailNormalized: normalizeEmail(fields.guest.email) },
      ...(options.storeVersion ? { storeUpdatedAt: options.storeVersion } : {}),
    };
    const versioned = options.storeVersion && !options.insertOnly;
    const filter = versioned
      ? { merchantId, externalId, storeUpdatedAt: { $not: { $gt: options.storeVersion } } }
      : { merchantId, externalId };
    try {
      const result = (await OrderModel.findOneAndUpdate(
        filter,
        options.insertOnly ? { $setOnInsert: values } : { $set: values },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      ).lean()) as unknown as { value: unknown; lastErrorObject?: { updatedExisting?: boolean } };
      return {
        order: fromDoc(result.value),
        created: !result.lastErrorObject?.updatedExisting,
        stale: false,
      };
    } catch (error) {
      // The order exists with a later store change: the upsert's insert hit the unique key.
      if (!versioned || (error as { code?: number }).code !== 11000) throw error;
      const current = await OrderModel.findOne({ merchantId, externalId }).lean();
      if (!current) throw error;
      return { order: fromDoc(current), created: false, stale: true };
    }
  }

  async findById(id: string): Promise<Order | null> {
    const _id = objectId(id);
    const doc = _id ? await OrderModel.findById(_id).lean() : null;
    return doc ? fromDoc(doc) : null;
  }

  /** Several orders in one query (a batch of shipments' orders). */
  async findByIds(ids: string[]): Promise<Order[]> {
    if (ids.length === 0) return [];
    const docs = await OrderModel.find({ _id: { $in: [...new Set(ids)] } }).lean();
    return docs.map(fromDoc);
  }

  async findForMerchant(merchantId: string, id: string): Promise<Order | null> {
    const _id = objectId(id);
    const doc = _id ? await OrderModel.findOne({ _id, merchantId }).lean() : null;
    return doc ? fromDoc(doc) : null;
  }

  async findByExternalId(merchantId: string, externalId: string): Promise<Order | null> {
    return toEntityOrNull<Order>(await OrderModel.findOne({ merchantId, externalId }).lean());
  }

  /** The merchant's latest order with this number (the console's preview and delivery log). */
  async findByOrderNumber(merchantId: string, orderNumber: string): Promise<Order | null> {
    const doc = await OrderModel.findOne({ orderNumber, merchantId })
      .sort({ createdAt: -1 })
      .lean();
    return doc ? fromDoc(doc) : null;
  }

  /** The merchant's orders placed by this guest email or E.164 phone, newest first. */
  async findByGuestContact(
    merchantId: string,
    contact: { email: string } | { phone: string },
    limit: number,
  ): Promise<Order[]> {
    const match =
      'email' in contact
        ? { 'guest.emailNormalized': normalizeEmail(contact.email) }
        : { 'guest.phone': contact.phone };
    const docs = await OrderModel.find({ merchantId, ...match })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean();
    return docs.map(fromDoc);
  }

  /** Guest lookup: order number plus email (case-insensitive, trimmed) or postal code. */
  async findByLookup(
    orderNumber: string,
    proof: { email?: string; postalCode?: string },
  ): Promise<Order | null> {
    const filter: Record<string, unknown> = { orderNumber: orderNumber.trim(), erasedAt: null };
    if (proof.email) filter['guest.emailNormalized'] = normalizeEmail(proof.email);
    else if (proof.postalCode) filter['destination.postalCode'] = proof.postalCode.trim();
    else return null;
    const doc = await OrderModel.findOne(filter).sort({ createdAt: -1 }).lean();
    return doc ? fromDoc(doc) : null;
  }

  /**
   * A store's orders (external ids starting with `prefix`): all of them, or those named by
   * external id or belonging to a guest email.
   */
  async findFromStore(
    merchantId: string,
    prefix: string,
    who?: { externalIds: string[]; email?: string },
  ): Promise<Order[]> {
    const filter: Record<string, unknown> = {
      merchantId,
      externalId: { $regex: `^${escapeRegExp(prefix)}` },
    };
    if (who) {
      const email = normalizeEmail(who.email);
      filter.$or = [
        { externalId: { $in: who.externalIds } },
        ...(email ? [{ 'guest.emailNormalized': email }] : []),
      ];
    }
    return (await OrderModel.find(filter).sort({ createdAt: 1 }).lean()).map(fromDoc);
  }

  /** The store cancelled it: polling stops and nothing more is sent. */
  async markCancelled(orderId: string, at: Date): Promise<void> {
    await OrderModel.updateOne({ _id: orderId, cancelledAt: null }, { $set: { cancelledAt: at } });
  }

  async updateGuestPreferences(
    orderId: string,
    preferences: Order['guest']['preferences'],
  ): Promise<void> {
    await OrderModel.updateOne({ _id: orderId }, { $set: { 'guest.preferences': preferences } });
  }
}
