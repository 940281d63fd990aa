import { Router } from 'express';
import type { Container } from '../../app/container';
import { consoleContext } from '../auth/console-session';
import { sendConsolePage } from '../layout/console-headers';
import { consoleLayout } from '../layout/console-layout';
import { signedInAs } from '../layout/signed-in';
import { overviewMain } from './overview.page';
import { OverviewFigureSource } from './overview-figures';

export function overviewRoutes(container: Container): Router {
  const router = Router();
  const source = new OverviewFigureSource(container.repositories.consoleFigures, container.clock);
  router.get('/console', async (_req, res) => {
    const context = consoleContext(res);
    const figures = await source.get(context.merchant);
    sendConsolePage(
      res,
      container.config,
      consoleLayout({
        title: 'Overview',
        section: 'overview',
        signedIn: signedInAs(context),
        main: overviewMain(figures, container.clock.now()),
      }),
    );
  });
  return router;
}
