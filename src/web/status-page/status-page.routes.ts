import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Container } from '../../app/container';
import { hashStatusToken, isWellFormedToken } from '../../orders/status-token';
import { AppError } from '../../shared/app-error';
import type { CsrfGuard } from '../csrf';
import { guestCsp, sendPage } from '../guest-headers';
import { guestLocale } from '../guest-locale';
import { notFoundPage } from '../pages/guest-pages.page';
import { statusPage } from '../pages/status.page';
import { buildStatusView } from './domain/build-status-view';
import { timeZoneName, validTimeZone } from './domain/guest-time';
import type { StatusSnapshot, StatusSnapshots } from './status-snapshots';

export interface StatusPageDeps {
  container: Container;
  snapshots: StatusSnapshots;
  csrf: CsrfGuard;
  missLimiter: RequestHandler;
}

/** The same answer for unknown, expired and revoked tokens, whatever the reason. */
export function sendMiss(req: Request, res: Response, deps: StatusPageDeps, json: boolean): void {
  if (json) throw new AppError('not_found', 'Not found.');
  const locale = guestLocale(req);
  sendPage(
    res,
    deps.container.config,
    notFoundPage(locale, deps.csrf.issue(req, res), '/track'),
    404,
  );
}

function render(
  snapshot: StatusSnapshot,
  token: string,
  req: Request,
  json: boolean,
  deps: StatusPageDeps,
) {
  const { config, clock, carriers } = deps.container;
  const { order, merchant } = snapshot;
  const now = clock.now();
  const locale = guestLocale(req, order.guest.locale, merchant.preferences.defaultLocale);
  // "checked N minutes ago" is part of the output, so renders live for the minute at most.
  const key = `${json ? 'json' : 'html'}|${locale}|${Math.floor(now.getTime() / 60_000)}`;
  const cached = snapshot.renders.get(key);
  if (cached) return cached;
  const timeZone =
    validTimeZone(order.guest.timezone) ?? validTimeZone(merchant.preferences.timezone) ?? 'UTC';
  const path = `/t/${token}`;
  const page = `${config.http.publicBaseUrl}${path}`;
  const view = buildStatusView({
    ...snapshot,
    carrier: (code) => {
      const adapter = carriers.get(code);
      return adapter
        ? { name: adapter.displayName, trackingUrl: (n) => adapter.publicTrackingUrl(n) }
        : undefined;
    },
    locale,
    timeZone,
    now,
    links: { page, json: `${page}.json`, preferences: `${page}/preferences` },
  });
  let output: { body: string; csp?: string };
  if (json) output = { body: JSON.stringify(view) };
  else {
    const rendered = statusPage(view, timeZoneName(timeZone, locale, now), path);
    output = { body: rendered.body, csp: guestCsp(config, rendered.inlineStyles) };
  }
  if (snapshot.renders.size > 32) snapshot.renders.clear();
  snapshot.renders.set(key, output);
  return output;
}

/** GET /t/:token (HTML or JSON by Accept) and GET /t/:token.json. Reads only. */
export function statusPageRoutes(deps: StatusPageDeps): Router {
  const router = Router();
  const secret = deps.container.config.security.tokenSecret;
  router.get('/t/:token', deps.missLimiter, async (req, res) => {
    const raw = String(req.params.token);
    const suffixed = raw.endsWith('.json');
    const token = suffixed ? raw.slice(0, -5) : raw;
    const json = suffixed || req.accepts(['html', 'json']) === 'json';
    res.setHeader('Vary', 'Accept, Accept-Language');
    const snapshot = isWellFormedToken(token)
      ? await deps.snapshots.get(hashStatusToken(token, secret))
      : null;
    if (!snapshot) return sendMiss(req, res, deps, json);
    const output = render(snapshot, token, req, json, deps);
    if (json) res.type('json').send(output.body);
    else
      res
        .setHeader('Content-Security-Policy', output.csp ?? '')
        .type('html')
        .send(output.body);
  });
  return router;
}
