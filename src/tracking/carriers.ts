import type { Config } from '../config/config';
import type { CarrierAdapter } from './carrier';
import { CarrierRegistry } from './carrier-registry';
import type { Logger } from '../shared/logger';
import { DhlCarrier } from './carriers/dhl/dhl-carrier';
import { FedexCarrier } from './carriers/fedex/fedex-carrier';
import { UpsCarrier } from './carriers/ups/ups-carrier';
import { SimulatedCarrier } from './carriers/simulated/simulated-carrier';

/** Every carrier adapter this deployment offers, built from configuration. */
export function createCarrierRegistry(
  config: Config,
  now: Date = new Date(),
  logger?: Logger,
): CarrierRegistry {
  const adapters: CarrierAdapter[] = [];
  if (config.tracking.simulated.enabled)
    adapters.push(
      // Numbers without an anchor start their journey at this minute (see simulated-number.ts).
      new SimulatedCarrier({
        paceMs: config.tracking.simulated.paceMs,
        epoch: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
      }),
    );
  const { ups, fedex } = config.carriers;
  adapters.push(
    new FedexCarrier({
      clientId: fedex.clientId,
      clientSecret: fedex.clientSecret,
      baseUrl: fedex.baseUrl,
    }),
  );
  adapters.push(
    new UpsCarrier({
      clientId: ups.clientId,
      clientSecret: ups.clientSecret,
      baseUrl: ups.baseUrl,
    }),
  );
  adapters.push(
    new DhlCarrier({ apiKey: config.carriers.dhl.apiKey, baseUrl: config.carriers.dhl.baseUrl }),
  );
  // One clear line per carrier that cannot track; its shipments say so in the API and page.
  for (const a of adapters)
    if (!a.enabled) logger?.info({ carrier: a.code }, a.disabledReason ?? 'carrier disabled');
  return new CarrierRegistry(adapters);
}
