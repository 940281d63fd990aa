/** Where a parcel travels, as far as we know it; any part may be unknown. */
export interface LaneFacts {
  carrier: string;
  service?: string;
  origin?: { region?: string; country?: string };
  destination?: { region?: string; country?: string };
}

function regionKey(place: LaneFacts['origin']): string {
  if (!place?.country) return '*';
  const country = place.country.trim().toUpperCase();
  return place.region ? `${country}-${place.region.trim().toUpperCase()}` : country;
}

/**
 * The lanes a parcel belongs to, finest first: carrier + service + origin -> destination, then
 * the same without the origin, then the carrier's service anywhere, then the carrier anywhere.
 * The estimator uses the finest lane with enough deliveries.
 */
export function laneKeys(facts: LaneFacts): string[] {
  const carrier = facts.carrier.toLowerCase();
  const service = facts.service?.toLowerCase() ?? '*';
  const origin = regionKey(facts.origin);
  const destination = regionKey(facts.destination);
  const keys = [
    `${carrier}|${service}|${origin}>${destination}`,
    `${carrier}|${service}|*>${destination}`,
    `${carrier}|${service}|*>*`,
    `${carrier}|*|*>*`,
  ];
  return keys.filter((key, i) => keys.indexOf(key) === i);
}
