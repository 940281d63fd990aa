import type { BusinessCalendar } from './business-calendar';

/** A carrier's published transit time for one service, in business days from pickup. */
export interface ServiceStandard {
  minDays: number;
  maxDays: number;
}

/** One carrier's entry in config/service-standards.json. */
export interface CarrierStandards {
  timeZone: string;
  /** Business days between label creation and pickup, as commonly seen. */
  handlingDays: number;
  defaultService: string;
  services: Readonly<Record<string, ServiceStandard>>;
  holidays: readonly string[];
}

/** Per carrier code; `default` serves carriers the table does not name. */
export type ServiceStandards = Readonly<Record<string, CarrierStandards>>;

export function carrierStandards(standards: ServiceStandards, carrier: string): CarrierStandards {
  const found = standards[carrier] ?? standards.default;
  if (!found) throw new Error(`service standards name neither ${carrier} nor a default`);
  return found;
}

export function serviceStandard(carrier: CarrierStandards, service?: string): ServiceStandard {
  return (
    (service ? carrier.services[service] : undefined) ??
    carrier.services[carrier.defaultService] ?? { minDays: 1, maxDays: 5 }
  );
}

export function calendarOf(carrier: CarrierStandards): BusinessCalendar {
  return { timeZone: carrier.timeZone, holidays: new Set(carrier.holidays) };
}
