import type { Config } from '../config/config';
import type { CarrierAdapter } from './carrier';
import { CarrierRegistry } from './carrier-registry';
import { SimulatedCarrier } from './carriers/simulated/simulated-carrier';

/** Every carrier adapter this deployment offers, built from configuration. */
export function createCarrierRegistry(config: Config, now: Date = new Date()): CarrierRegistry {
  const adapters: CarrierAdapter[] = [];
  if (config.tracking.simulated.enabled)
    adapters.push(
      // Numbers without an anchor start their journey at this minute (see simulated-number.ts).
      new SimulatedCarrier({
        paceMs: config.tracking.simulated.paceMs,
        epoch: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
      }),
    );
  return new CarrierRegistry(adapters);
}
