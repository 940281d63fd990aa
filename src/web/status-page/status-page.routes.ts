import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Request, type Response, Router } from 'express';
import { LRUCache } from 'lru-cache';
import type { Container } from '../../app/container';
import { hashStatusToken, isWellFormedToken } from '../../orders/status-token';
import { AppError } from '../../shared/app-error';
import type { CsrfGuard } from '../csrf';
import type { MissLimiter } from '../miss-limiter';
import { guestCsp, sendPage } from '../guest-headers';
import { guestLocale, wantsJson } from '../guest-locale';
import { runPlain, type PlainMiddleware } from '../plain-middleware';
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
  req: IncomingMessage & { query?: Record<string, unknown> },
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

/** The route's pattern, which is also its label in the HTTP metrics. */
const route = '/t/:token';

/** A link's token and whether it asked for JSON by its `.json` suffix. */
function parseLink(raw: string): { token: string; suffixed: boolean } {
  const suffixed = raw.endsWith('.json');
  return { token: suffixed ? raw.slice(0, -5) : raw, suffixed };
}

/** Sends a usable link's prepared page or JSON, counting a page view. */
function deliver(
  snapshot: StatusSnapshot,
  output: PreparedBody,
  json: boolean,
  req: IncomingMessage,
  res: ServerResponse,
  deps: StatusPageDeps,
): void {
  // The page, not its JSON (which the open page polls for live updates).
  if (!json) deps.visits.count(snapshot.merchant.id);
  sendPrepared(req, res, output, json ? 'application/json' : 'text/html');
}

/** Token hashes of recently seen links, shared by the route and the fast lane. */
function tokenHashes(secret: string): (token: string) => string {
  // HMAC per hit is measurable at thousands of requests per second; the hashes of recently
  // seen tokens are kept (memory that already holds the secret itself).
  const hashes = new LRUCache<string, string>({ max: 10_000 });
  return (token) => {
    let hash = hashes.get(token);
    if (!hash) {
      hash = hashStatusToken(token, secret);
      hashes.set(token, hash);
    }
    return hash;
  };
}

/** Answers a request without Express when it can (true), or leaves it untouched (false). */
export type FastLane = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The status page: its Express route, and a fast lane in front of Express for the commonest
 * request of all, a GET of a link whose snapshot is fresh in memory (a guest reloading, a
 * shared link, the open page polling its JSON).
 *
 * Why a lane: Express 5's own work per request (the prototype swaps on req and res, the walk
 * through every mounted router) was about two thirds of a cached hit's CPU. Under a burst of
 * 200 connections the page's p99 was 105–150 ms through Express (2,700–2,950 req/s at 50
 * connections) and 48–65 ms through the lane (7,800–8,900 req/s), on 2 cores beside the load
 * generator.
 *
 * The lane answers exactly as the route would: `prologue` is the app's own middlewares (request
 * id and log line, HTTP metrics, security headers) and the private-page headers, run in
 * Express's order, then the same render and send. Everything else (HEAD, a query string such
 * as `?lang=`, a trailing slash, a stale, unknown or expired link) goes to Express, whose route
 * answers it in full, misses and their rate limit included.
 */
export function statusPageRoutes(
  deps: StatusPageDeps,
  prologue: readonly PlainMiddleware[],
): { routes: Router; fastLane: FastLane } {
  const hashOf = tokenHashes(deps.container.config.security.tokenSecret);
  const routes = Router();
  routes.get(route, async (req, res) => {
    const { token, suffixed } = parseLink(String(req.params.token));
    const json = suffixed || wantsJson(req);
    const snapshot = isWellFormedToken(token) ? await deps.snapshots.get(hashOf(token)) : null;
    if (!snapshot) return sendMiss(req, res, deps, json);
    deliver(snapshot, render(snapshot, token, req, json, deps), json, req, res, deps);
  });
  const fastLane: FastLane = (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.startsWith('/t/') || url.includes('?')) return false;
    const { token, suffixed } = parseLink(url.slice(3));
    if (!isWellFormedToken(token)) return false;
    const snapshot = deps.snapshots.peek(hashOf(token));
    if (!snapshot) return false;
    const json = suffixed || wantsJson(req);
    // Rendered before anything is written: should it throw, Express answers the request whole.
    const output = render(snapshot, token, req, json, deps);
    runPlain(prologue, req, res);
    (req as IncomingMessage & { route?: { path: string } }).route = { path: route };
    deliver(snapshot, output, json, req, res, deps);
    return true;
  };
  return { routes, fastLane };
}
