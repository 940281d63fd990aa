import path from 'node:path';
import express, { Router } from 'express';
import type { Container } from '../app/container';
import { CsrfGuard } from './csrf';
import { guestPreferencesRoutes } from './guest-preferences/guest-preferences.routes';
import { guestHeaders } from './guest-headers';
import { statusMissLimiter } from './guest-rate-limits';
import { lookupRoutes } from './lookup/lookup.routes';
import { StatusSnapshots } from './status-page/status-snapshots';
import { statusPageRoutes } from './status-page/status-page.routes';
import { VisitCounter } from './status-page/visit-counter';

/** Stylesheet and script of the guest pages, served by the app itself (no third parties). */
export const guestAssetsDir = path.resolve(__dirname, '../../templates/pages/assets');

/** Everything a guest sees: /t/:token (+ .json, /preferences), /track and /assets. */
export function guestPages(container: Container): Router {
  const { config } = container;
  const router = Router();
  router.use(
    '/assets',
    express.static(guestAssetsDir, { maxAge: '1h', index: false, fallthrough: false }),
  );
  router.use(['/t', '/track'], guestHeaders(config));
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
  router.use(statusPageRoutes(deps));
  router.use(guestPreferencesRoutes(deps));
  router.use(lookupRoutes(container, deps.csrf));
  return router;
}
