import express, { Router } from 'express';
import type { Container } from '../app/container';
import { requireConsoleSession } from './auth/console-session';
import { signInRoutes } from './auth/sign-in.routes';
import { consoleErrors } from './layout/console-errors';
import { consoleHeaders } from './layout/console-headers';
import { overviewRoutes } from './overview/overview.routes';
import { previewConsoleRoutes } from './preview/preview.routes';
import { settingsRoutes } from './settings/settings.routes';
import { deliveryLogRoutes } from './delivery-log/delivery-log.routes';
import { connectionsRoutes } from './connections/connections.routes';
import { teamRoutes } from './team/team.routes';
import { suppressionsRoutes } from './suppressions/suppressions.routes';
import { AppError } from '../shared/app-error';

/** The merchant console under /console: sign-in first, then every page behind a session. */
export function consoleRoutes(container: Container): Router {
  const { config, clock, repositories, logger } = container;
  const router = Router();
  router.use('/console', consoleHeaders(config));
  router.use(signInRoutes(container));
  router.use(
    '/console',
    express.urlencoded({ extended: false, limit: '64kb' }),
    requireConsoleSession({
      config,
      clock,
      sessions: repositories.consoleSessions,
      merchants: repositories.merchants,
    }),
  );
  router.use(overviewRoutes(container));
  router.use(settingsRoutes(container));
  router.use(previewConsoleRoutes(container));
  router.use(deliveryLogRoutes(container));
  router.use(connectionsRoutes(container));
  router.use(suppressionsRoutes(container));
  router.use(teamRoutes(container));
  router.use('/console', (_req, _res, next) =>
    next(new AppError('not_found', 'No such console page.')),
  );
  router.use('/console', consoleErrors(config, logger));
  return router;
}
