import { sql } from 'drizzle-orm';
import type { Deps } from './deps.ts';
import { seedAgencies } from './modules/agencies/index.ts';
import { seedStaff } from './modules/staff/index.ts';
import { seedCatalogs } from './modules/disclosure/catalog.seed.ts';
import { seedDisclosure } from './modules/disclosure/disclosure.seed.ts';
import { seedRequests } from './modules/requests/requests.seed.ts';
import { seedHotline } from './modules/hotline/tickets.seed.ts';
import { seedHotlineConsole } from './modules/hotline/directory.seed.ts';
import { seedReports } from './modules/report/report.seed.ts';

/** The demo sign-in printed at start (a 系统管理员 of 重庆市人民政府). */
export const DEMO_SIGN_IN = { username: 'admin', password: 'gongkai-demo' } as const;

/** Loads every module's demo data, in dependency order. Each step is idempotent. */
export async function seedDemoData(deps: Deps): Promise<void> {
  // module seeders are added here in dependency order
  await seedAgencies(deps);
  await seedCatalogs(deps);
  await seedStaff(deps);
  await seedDisclosure(deps);
  await seedHotline(deps);
  await seedHotlineConsole(deps);
  await seedRequests(deps);
  await seedReports(deps);
}

/** Seeds only an empty database (no agencies yet). Returns whether it seeded. */
export async function seedDemoDataIfEmpty(deps: Deps): Promise<boolean> {
  const r = await deps.db.execute(sql`SELECT EXISTS (SELECT 1 FROM agencies) AS present`);
  if (r.rows[0]?.present === true) return false;
  await seedDemoData(deps);
  return true;
}
