import { Router, type Response } from 'express';
import type { Container } from '../../app/container';
import { integrationInputSchema, webhookInputSchema } from '../../api/schemas';
import { validate } from '../../api/validate';
import { StoreConnectionService } from '../../integrations/store-connection.service';
import { addWebhookEndpoint } from '../../merchant-webhooks/webhook-endpoints';
import { AppError } from '../../shared/app-error';
import { consoleContext } from '../auth/console-session';
import { consoleActor } from '../console-actor';
import { sendConsolePage } from '../layout/console-headers';
import { consoleLayout, type ConsoleLayoutInput } from '../layout/console-layout';
import { formProblems } from '../layout/form-problems';
import { pageNotice } from '../layout/notices';
import { signedInAs } from '../layout/signed-in';
import type { FormBody } from '../settings/settings-form';
import { connectionsMain, type ConnectionsView } from './connections.page';

const text = (body: FormBody, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string).trim() : '';

/** /console/connections: stores, webhook endpoints and API keys, each change audited. */
export function connectionsRoutes(container: Container): Router {
  const { config, clock, repositories } = container;
  const stores = new StoreConnectionService(container);
  const router = Router();

  async function show(
    res: Response,
    extra: Partial<ConnectionsView> = {},
    status = 200,
    notice?: ConsoleLayoutInput['notice'],
  ) {
    const context = consoleContext(res);
    const merchantId = context.merchant.id;
    const [listed, endpoints, deliveries, keys] = await Promise.all([
      stores.list(merchantId),
      repositories.webhooks.listEndpoints(merchantId),
      repositories.webhooks.listDeliveries(merchantId, 20),
      repositories.apiKeys.listForMerchant(merchantId),
    ]);
    const view: ConnectionsView = {
      stores: listed.map((s) => ({ ...s, webhookUrls: stores.webhookUrls(s.connection) })),
      endpoints,
      deliveries,
      keys,
      csrf: context.csrf,
      now: clock.now(),
      errors: new Map(),
      ...extra,
    };
    sendConsolePage(
      res,
      config,
      consoleLayout({
        title: 'Integrations & keys',
        section: 'connections',
        signedIn: signedInAs(context),
        notice,
        main: connectionsMain(view),
      }),
      status,
    );
  }

  const audit = (
    res: Response,
    action: string,
    target: string,
    before?: unknown,
    after?: unknown,
  ) => {
    const { merchant, session } = consoleContext(res);
    return repositories.auditLog.record({
      merchantId: merchant.id,
      actor: consoleActor(session),
      action,
      target,
      before,
      after,
      at: clock.now(),
    });
  };

  router.get('/console/connections', (req, res) =>
    show(res, {}, 200, pageNotice(req.query.notice)),
  );

  router.post('/console/connections/stores', async (req, res) => {
    const body = req.body as FormBody;
    const platform = text(body, 'platform');
    const values = {
      platform,
      shopDomain: text(body, 'shopDomain'),
      storeUrl: text(body, 'storeUrl'),
    };
    try {
      const input = validate(
        integrationInputSchema,
        platform === 'woocommerce'
          ? { platform, storeUrl: values.storeUrl, webhookSecret: text(body, 'webhookSecret') }
          : {
              platform: 'shopify',
              shopDomain: values.shopDomain,
              webhookSecret: text(body, 'webhookSecret'),
            },
      );
      const { connection } = await stores.connect(consoleContext(res).merchant.id, input);
      await audit(res, 'integration.connect', connection.id, undefined, {
        platform: connection.platform,
        store: connection.shopDomain ?? connection.storeUrl,
      });
      res.redirect(303, '/console/connections?notice=saved');
    } catch (error) {
      const problems = formProblems(error);
      await show(res, { errors: problems.fields, form: { name: 'store', values } }, 422, {
        kind: 'error',
        text: problems.message,
      });
    }
  });

  router.post('/console/connections/stores/:id/remove', async (req, res) => {
    const id = req.params.id;
    if (!(await repositories.storeConnections.remove(consoleContext(res).merchant.id, id)))
      throw new AppError('not_found', 'No such store connection.');
    await audit(res, 'integration.remove', id);
    res.redirect(303, '/console/connections?notice=removed');
  });

  router.post('/console/connections/webhooks', async (req, res) => {
    const body = req.body as FormBody;
    const url = text(body, 'url');
    const milestones = ([] as unknown[]).concat(body.milestones ?? []);
    try {
      const input = validate(webhookInputSchema, { url, milestones });
      const { endpoint, secret } = await addWebhookEndpoint(
        container,
        consoleContext(res).merchant.id,
        input,
      );
      await audit(res, 'webhook.create', endpoint.id, undefined, {
        url: endpoint.url,
        milestones: endpoint.milestones,
      });
      await show(res, { revealed: { label: `Signing secret for ${endpoint.url}`, secret } }, 201);
    } catch (error) {
      const problems = formProblems(error);
      await show(
        res,
        { errors: problems.fields, form: { name: 'webhook', values: { url } } },
        422,
        { kind: 'error', text: problems.message },
      );
    }
  });

  router.post('/console/connections/webhooks/:id/remove', async (req, res) => {
    if (
      !(await repositories.webhooks.removeEndpoint(consoleContext(res).merchant.id, req.params.id))
    )
      throw new AppError('not_found', 'No such webhook endpoint.');
    await audit(res, 'webhook.delete', req.params.id);
    res.redirect(303, '/console/connections?notice=removed');
  });

  router.post('/console/connections/keys', async (_req, res) => {
    const { apiKey, secret } = await repositories.apiKeys.issue(consoleContext(res).merchant.id);
    await audit(res, 'api_key.create', apiKey.id, undefined, { prefix: apiKey.prefix });
    await show(res, { revealed: { label: `New API key ${apiKey.prefix}…`, secret } }, 201);
  });

  router.post('/console/connections/keys/:id/revoke', async (req, res) => {
    if (
      !(await repositories.apiKeys.revoke(
        consoleContext(res).merchant.id,
        req.params.id,
        clock.now(),
      ))
    )
      throw new AppError('not_found', 'No such live key.');
    await audit(res, 'api_key.revoke', req.params.id);
    res.redirect(303, '/console/connections?notice=revoked');
  });
  return router;
}
