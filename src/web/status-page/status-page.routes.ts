import { type Request, type Response, Router } from 'express';
import { LRUCache } from 'lru-cache';
import type { Container } from '../../app/container';
import { hashStatusToken, isWellFormedToken } from '../../orders/status-token';
import { AppError } from '../../shared/app-error';
import type { CsrfGuard } from '../csrf';
import type { MissLimiter } from '../miss-limiter';
import { guestCsp, sendPage } from '../guest-headers';
import { guestLocale, wantsJson } from '../guest-locale';
import { notFoundPage } from '../pages/guest-pages.page';
import { statusPage } from '../pages/status.page';
import { buildStatusView } from './domain/build-status-view';
import { prepareBody, sendPrepared, type PreparedBody } from './prepared-body';
import { timeZoneName, validTimeZone } from './domain/guest-time';
import type { StatusSnapshot, StatusSnapshots } from './status-snapshots';
import type { VisitCounter } from './visit-counter';

export interface StatusPageDeps {
  container: Container;
  snapshots: StatusSnapshots;
  csrf: CsrfGuard;
  misses: MissLimiter;
  visits: VisitCounter;
}

/** The same answer for unknown, expired and revoked tokens, whatever the reason. */
export function sendMiss(req: Request, res: Response, deps: StatusPageDeps, json: boolean): void {
  if (deps.misses.refuseOrRecord(req, res)) return;
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
  let output: PreparedBody;
  if (json) output = prepareBody(JSON.stringify(view));
  else {
    const rendered = statusPage(view, timeZoneName(timeZone, locale, now), path);
    output = prepareBody(rendered.body, guestCsp(config, rendered.inlineStyles));
  }
  if (snapshot.renders.size > 32) snapshot.renders.clear();
  snapshot.renders.set(key, output);
  return output;
}

/** GET /t/:token (HTML or JSON by Accept) and GET /t/:token.json. Reads only. */
export function statusPageRoutes(deps: StatusPageDeps): Router {
  const router = Router();
  const secret = deps.container.config.security.tokenSecret;
  // HMAC per hit is measurable at thousands of requests per second; the hashes of recently
  // seen tokens are kept (memory that already holds the secret itself).
  const hashes = new LRUCache<string, string>({ max: 10_000 });
  const hashOf = (token: string) => {
    let hash = hashes.get(token);
    if (!hash) {
      hash = hashStatusToken(token, secret);
      hashes.set(token, hash);
    }
    return hash;
  };
  router.get('/t/:token', async (req, res) => {
    const raw = String(req.params.token);
    const suffixed = raw.endsWith('.json');
    const token = suffixed ? raw.slice(0, -5) : raw;
    const json = suffixed || wantsJson(req);
    const snapshot = isWellFormedToken(token) ? await deps.snapshots.get(hashOf(token)) : null;
    if (!snapshot) return sendMiss(req, res, deps, json);
    const output = render(snapshot, token, req, json, deps);
    // The page, not its JSON (which the open page polls for live updates).
    if (!json) deps.visits.count(snapshot.merchant.id);
    sendPrepared(req, res, output, json ? 'application/json' : 'text/html');
  });
  return router;
}
