import type { Config } from '../config/config';
import type { CarrierAdapter } from './carrier';
import { CarrierRegistry } from './carrier-registry';

/** Every carrier adapter this deployment offers, built from configuration. */
export function createCarrierRegistry(_config: Config): CarrierRegistry {
  const adapters: CarrierAdapter[] = [];
  return new CarrierRegistry(adapters);
}
