import { loadConfig, ConfigError } from '../config/load-config';
import { startPorchlight, type RunningPorchlight, type StartOptions } from '../app/porchlight';
import { createLogger } from '../shared/logger';

/**
 * Shared by the entry points: parse configuration (exit 1 listing every problem), start the
 * roles, and shut down gracefully on SIGTERM/SIGINT within the configured bound.
 */
export async function run(
  roles: Pick<StartOptions, 'web' | 'worker'>,
  onReady?: (app: RunningPorchlight) => void,
): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.log.level);
  let app: RunningPorchlight;
  try {
    app = await startPorchlight({ config, logger, ...roles });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const stop = (signal: string) => {
    logger.info({ signal }, 'signal received');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs + 2_000);
    force.unref();
    app.shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  onReady?.(app);
}
