import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ServiceStandards } from '../tracking/estimate/service-standards';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const days = z.number().int().min(0).max(60);
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone');

const carrierSchema = z
  .object({
    timeZone,
    handlingDays: days,
    defaultService: z.string().min(1),
    services: z.record(
      z.string(),
      z
        .object({ minDays: days, maxDays: days })
        .refine((s) => s.minDays <= s.maxDays, 'minDays must not exceed maxDays'),
    ),
    holidays: z.array(day),
  })
  .refine((c) => c.defaultService in c.services, 'defaultService must name one of services');

const fileSchema = z.object({
  carriers: z
    .record(z.string(), carrierSchema)
    .refine((c) => 'default' in c, 'needs a default entry for carriers it does not name'),
});

/**
 * Reads config/service-standards.json: each carrier's published transit times and holidays.
 * Returns the problems instead of throwing, so loadConfig lists them with the rest.
 */
export function readServiceStandards(
  configDir: string,
): { standards: ServiceStandards } | { problems: string[] } {
  const file = path.join(configDir, 'service-standards.json');
  if (!existsSync(file)) return { problems: [`${file} is missing`] };
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (parsed.success) return { standards: parsed.data.carriers };
  return {
    problems: parsed.error.issues.map(
      (i) => `service-standards.json ${i.path.join('.')}: ${i.message}`,
    ),
  };
}
