import { Router } from 'express';
import type { Container } from '../../app/container';
import type { Order } from '../../orders/order';
import type { Channel } from '../../tracking/domain/taxonomy';
import { objectId } from '../../db/to-entity';
import { suppressionKey } from '../../db/repositories/suppression.repository';
import { consoleContext } from '../auth/console-session';
import { classifySearch } from '../domain/delivery-search';
import { sendConsolePage } from '../layout/console-headers';
import { consoleLayout } from '../layout/console-layout';
import { signedInAs } from '../layout/signed-in';
import { deliveryLogMain, type OrderLog } from './delivery-log.page';

const maxOrders = 20;

/** GET /console/log?q=… (or ?order=<id> from the overview): "why didn't this guest get a text?" */
export function deliveryLogRoutes(container: Container): Router {
  const { config, clock, repositories } = container;
  const router = Router();

  async function ordersFor(merchantId: string, q: string, orderId?: string): Promise<Order[]> {
    if (orderId && objectId(orderId)) {
      const order = await repositories.orders.findForMerchant(merchantId, orderId);
      return order ? [order] : [];
    }
    const search = classifySearch(q);
    if (!search) return [];
    if (search.kind === 'order') {
      const order = await repositories.orders.findByOrderNumber(merchantId, search.value);
      return order ? [order] : [];
    }
    // Orders placed with this contact, and orders whose messages went to it (a changed address).
    const [placed, sent] = await Promise.all([
      repositories.orders.findByGuestContact(
        merchantId,
        search.kind === 'email' ? { email: search.value } : { phone: search.value },
        maxOrders,
      ),
      repositories.notifications.findByRecipient(merchantId, search.value, 500),
    ]);
    const known = new Set(placed.map((o) => o.id));
    const more = [...new Set(sent.map((n) => n.orderId))].filter((id) => !known.has(id));
    const orders = [...placed, ...(await repositories.orders.findByIds(more.slice(0, maxOrders)))];
    return orders
      .filter((o) => o.merchantId === merchantId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, maxOrders);
  }

  router.get('/console/log', async (req, res) => {
    const context = consoleContext(res);
    const { merchant } = context;
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 254) : '';
    const orderId = typeof req.query.order === 'string' ? req.query.order : undefined;
    const orders = await ordersFor(merchant.id, q, orderId);
    const lookups = orders.flatMap((o) =>
      (['email', 'sms'] as Channel[])
        .map((channel) => ({
          channel,
          address: (channel === 'email' ? o.guest.email : o.guest.phone) ?? '',
          merchantId: merchant.id,
        }))
        .filter((l) => l.address),
    );
    const [notifications, suppressed] = await Promise.all([
      repositories.notifications.findByOrders(orders.map((o) => o.id)),
      repositories.suppressions.findMany(lookups),
    ]);
    const logs: OrderLog[] = orders.map((order) => ({
      order,
      notifications: notifications
        .filter((n) => n.orderId === order.id)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
      suppressed: new Set(
        lookups
          .filter(
            (l) => (l.channel === 'email' ? order.guest.email : order.guest.phone) === l.address,
          )
          .filter((l) => suppressed.has(suppressionKey(l)))
          .map((l) => l.channel),
      ),
    }));
    sendConsolePage(
      res,
      config,
      consoleLayout({
        title: 'Delivery log',
        section: 'log',
        signedIn: signedInAs(context),
        main: deliveryLogMain({
          q,
          searched: Boolean(q || orderId),
          logs,
          merchant,
          now: clock.now(),
        }),
      }),
    );
  });
  return router;
}
