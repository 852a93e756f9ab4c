import type { Deps } from '../../deps.ts';
import { ensureAllCatalogs } from './catalog.setup.ts';

/**
 * Demo data: every active agency gets the standard catalog (agencies created through createAgency already
 * have it; this completes any made before). Idempotent; audited as 系统:seed.
 */
export async function seedCatalogs(deps: Pick<Deps, 'db'>): Promise<number> {
  return ensureAllCatalogs(deps.db, { system: 'seed' });
}
