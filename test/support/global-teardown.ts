import type { ResolvedDatabase } from '../../src/db/database-ladder';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __porchlightDatabase?: ResolvedDatabase }).__porchlightDatabase?.stop();
}
