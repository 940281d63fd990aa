import type { Config } from '../config/config';
import type { CarrierAdapter } from './carrier';
import { CarrierRegistry } from './carrier-registry';
import type { Logger } from '../shared/logger';
import { DhlCarrier } from './carriers/dhl/dhl-carrier';
import { EasyPostCarrier } from './carriers/easypost/easypost-carrier';
import { FedexCarrier } from './carriers/fedex/fedex-carrier';
import { UpsCarrier } from './carriers/ups/ups-carrier';
import { UspsCarrier } from './carriers/usps/usps-carrier';
import {
  SimulatedCarrier,
  type SimulatedCarrierOptions,
} from './carriers/simulated/simulated-carrier';

/** Every carrier adapter this deployment offers, built from configuration. */
export function createCarrierRegistry(
  config: Config,
  now: Date = new Date(),
  logger?: Logger,
  simulatedJourneyStarts?: SimulatedCarrierOptions['journeyStarts'],
): CarrierRegistry {
  const { ups, fedex, usps, dhl, easypost, limits } = config.carriers;
  const adapters: CarrierAdapter[] = [];
  if (config.tracking.simulated.enabled)
    adapters.push(
      // Numbers without an anchor start their journey when their shipment was created, or at
      // this minute when none was (see simulated-number.ts).
      new SimulatedCarrier({
        paceMs: config.tracking.simulated.paceMs,
        latencyMs: config.tracking.simulated.latencyMs,
        journeyStarts: simulatedJourneyStarts,
        epoch: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
        limits: limits.simulated,
      }),
    );
  adapters.push(
    new FedexCarrier({ ...fedex, limits: limits.fedex }),
    new UpsCarrier({ ...ups, limits: limits.ups }),
    new UspsCarrier({ ...usps, limits: limits.usps }),
    new DhlCarrier({ ...dhl, limits: limits.dhl }),
    new EasyPostCarrier({ ...easypost, limits: limits.easypost }),
  );
  // One clear line per carrier that cannot track; its shipments say so in the API and page.
  for (const a of adapters)
    if (!a.enabled) logger?.info({ carrier: a.code }, a.disabledReason ?? 'carrier disabled');
  // Numbers no single carrier claims (or several claim) go to the aggregator when it is set up.
  return new CarrierRegistry(adapters, 'easypost');
}
