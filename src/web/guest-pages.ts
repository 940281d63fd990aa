import path from 'node:path';
import express, { Router } from 'express';
import type { Container } from '../app/container';
import { CsrfGuard } from './csrf';
import { guestPreferencesRoutes } from './guest-preferences/guest-preferences.routes';
import { guestHeaders } from './guest-headers';
import { statusMissLimiter } from './guest-rate-limits';
import { lookupRoutes } from './lookup/lookup.routes';
import { StatusSnapshots } from './status-page/status-snapshots';
import type { PlainMiddleware } from './plain-middleware';
import { type FastLane, statusPageRoutes } from './status-page/status-page.routes';
import { VisitCounter } from './status-page/visit-counter';

/** Stylesheet and script of the guest pages, served by the app itself (no third parties). */
export const guestAssetsDir = path.resolve(__dirname, '../../templates/pages/assets');

/**
 * Everything a guest sees: /t/:token (+ .json, /preferences), /track and /assets; and the
 * status page's fast lane, which runs `prologue` (the app's own middlewares before this router)
 * where Express would have.
 */
export function guestPages(
  container: Container,
  prologue: readonly PlainMiddleware[],
): { router: Router; fastLane: FastLane } {
  const { config } = container;
  const router = Router();
  router.use(
    '/assets',
    express.static(guestAssetsDir, { maxAge: '1h', index: false, fallthrough: false }),
  );
  const privateHeaders = guestHeaders(config);
  router.use(['/t', '/track'], privateHeaders);
  const deps = {
    container,
    snapshots: new StatusSnapshots(
      container.repositories,
      container.clock,
      config.guestPages.cacheFreshMs,
    ),
    csrf: new CsrfGuard(config),
    misses: statusMissLimiter(config),
    visits: new VisitCounter(
      container.repositories.consoleFigures,
      container.clock,
      container.logger,
    ),
  };
  const statusPage = statusPageRoutes(deps, [...prologue, privateHeaders]);
  router.use(statusPage.routes);
  router.use(guestPreferencesRoutes(deps));
  router.use(lookupRoutes(container, deps.csrf));
  return { router, fastLane: statusPage.fastLane };
}
