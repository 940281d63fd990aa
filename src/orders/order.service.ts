import type { z } from 'zod';
import type { Container } from '../app/container';
import type { orderInputSchema } from '../api/schemas';
import type { Merchant } from '../merchants/merchant';
import { planOrderConfirmation } from '../notify/domain/plan-intents';
import { AppError } from '../shared/app-error';
import { defaultGuestPreferences, type Order } from './order';
import { hashStatusToken, newStatusToken, statusLink } from './status-token';
import { normalizeTrackingNumber } from '../tracking/domain/tracking-number-formats';

export type OrderInput = z.output<typeof orderInputSchema>;

type Deps = Pick<Container, 'config' | 'clock' | 'repositories' | 'carriers'>;

const erasedConflict = () =>
  new AppError('conflict', 'This order was erased and cannot be changed.');

/** The merchant-facing order use cases: take orders in, rotate links, erase guests. */
export class OrderService {
  constructor(private readonly deps: Deps) {}

  /**
   * Creates or updates by external id; returns the status link only when the order is new.
   * `insertOnly` leaves an existing order as it is (a store event that knows less than it);
   * `storeVersion` (when the store changed the order) leaves it as it is when the store has
   * already sent a later change, and says so with `stale`.
   */
  async upsert(
    merchant: Merchant,
    input: OrderInput,
    options: { insertOnly?: boolean; requestId?: string; storeVersion?: Date } = {},
  ): Promise<{ order: Order; created: boolean; stale: boolean; statusUrl: string | null }> {
    const { repositories, clock } = this.deps;
    const { requestId } = options;
    const carriers = input.shipments.map((s, i) =>
      this.carrierFor(s.trackingNumber, s.carrier, `shipments.${i}`),
    );
    const existing = await repositories.orders.findByExternalId(merchant.id, input.externalId);
    if (existing?.erasedAt) throw erasedConflict();
    const consent = (c?: { granted: boolean; at?: string; source?: string }) => ({
      granted: c?.granted ?? false,
      at: c?.at ? new Date(c.at) : undefined,
      source: c?.source,
    });
    const { order, created, stale } = await repositories.orders.upsert(
      {
        merchantId: merchant.id,
        externalId: input.externalId,
        orderNumber: input.orderNumber,
        guest: {
          email: input.guest.email,
          phone: input.guest.phone,
          name: input.guest.name,
          locale: input.guest.locale,
          timezone: input.guest.timezone,
          consent: {
            email: consent(
              input.guest.consent?.email ?? { granted: true, source: 'transactional' },
            ),
            sms: consent(input.guest.consent?.sms),
          },
          // Guests' own choices survive a merchant re-posting the order.
          preferences: existing?.guest.preferences ?? defaultGuestPreferences,
        },
        destination: input.destination ?? {},
        items: input.items,
      },
      { insertOnly: options.insertOnly, storeVersion: options.storeVersion },
    );
    if (stale) return { order, created: false, stale, statusUrl: null };
    for (const [i, s] of input.shipments.entries()) {
      await repositories.shipments.ensure({
        merchantId: merchant.id,
        orderId: order.id,
        carrier: carriers[i] as string,
        trackingNumber: normalizeTrackingNumber(s.trackingNumber),
        nextPollAt: clock.now(),
        requestId,
      });
    }
    let statusUrl: string | null = null;
    if (created) {
      statusUrl = await this.mintLink(order);
      if (merchant.preferences.sendOrderConfirmation) {
        await repositories.notifications.addIntents(
          planOrderConfirmation({
            order,
            preferences: merchant.preferences,
            now: clock.now(),
          }).map((intent) => ({ ...intent, requestId })),
          clock.now(),
        );
      }
    }
    return { order, created, stale: false, statusUrl };
  }

  async addShipment(
    merchant: Merchant,
    orderId: string,
    input: {
      trackingNumber: string;
      carrier?: string;
      items?: Array<{ name: string; quantity: number }>;
    },
    requestId?: string,
  ): Promise<void> {
    const order = await this.liveOrder(merchant, orderId);
    const carrier = this.carrierFor(input.trackingNumber, input.carrier, '');
    await this.deps.repositories.shipments.ensure({
      merchantId: merchant.id,
      orderId: order.id,
      carrier,
      trackingNumber: normalizeTrackingNumber(input.trackingNumber),
      nextPollAt: this.deps.clock.now(),
      requestId,
      items: input.items,
    });
  }

  /** Revokes every link of the order and returns a new one (links are never stored, only hashes). */
  async rotateLink(merchant: Merchant, orderId: string): Promise<string> {
    const order = await this.liveOrder(merchant, orderId);
    await this.deps.repositories.statusTokens.revokeForOrder(order.id, this.deps.clock.now());
    return this.mintLink(order);
  }

  /**
   * Stops tracking and erases the guest's personal data everywhere it was copied: the order,
   * the notifications' recipients and the dev outbox. Status links are revoked.
   */
  async erase(merchant: Merchant, orderId: string): Promise<void> {
    const order = await this.ownOrder(merchant, orderId);
    const now = this.deps.clock.now();
    await this.deps.repositories.erasure.eraseOrder(order.id, now);
    await this.deps.repositories.statusTokens.revokeForOrder(order.id, now);
  }

  async ownOrder(merchant: Merchant, orderId: string): Promise<Order> {
    const order = await this.deps.repositories.orders.findForMerchant(merchant.id, orderId);
    // Another merchant's order is indistinguishable from a missing one.
    if (!order) throw new AppError('not_found', 'No such order.');
    return order;
  }

  /** The merchant's order, unless it was erased: nothing is added to an erased order (409). */
  private async liveOrder(merchant: Merchant, orderId: string): Promise<Order> {
    const order = await this.ownOrder(merchant, orderId);
    if (order.erasedAt) throw erasedConflict();
    return order;
  }

  private async mintLink(order: Order): Promise<string> {
    const token = newStatusToken();
    await this.deps.repositories.statusTokens.create({
      tokenHash: hashStatusToken(token, this.deps.config.security.tokenSecret),
      merchantId: order.merchantId,
      orderId: order.id,
    });
    return statusLink(this.deps.config.http.publicBaseUrl, token);
  }

  private carrierFor(trackingNumber: string, carrier: string | undefined, path: string): string {
    const field = (name: string) => (path ? `${path}.${name}` : name);
    if (carrier) {
      if (!this.deps.carriers.get(carrier))
        throw new AppError('validation_failed', 'Unknown carrier.', {
          fields: [
            {
              field: field('carrier'),
              message: `unknown carrier; known: ${this.deps.carriers
                .all()
                .map((c) => c.code)
                .join(', ')}`,
            },
          ],
        });
      return carrier;
    }
    const detected = this.deps.carriers.detect(trackingNumber);
    if (detected.ok) return detected.carrier;
    const message =
      detected.reason === 'ambiguous'
        ? `matches several carriers (${detected.candidates.join(', ')}); name the carrier`
        : 'not a tracking number format we recognize; name the carrier';
    throw new AppError('validation_failed', 'The carrier could not be detected.', {
      fields: [{ field: field('trackingNumber'), message }],
    });
  }
}
