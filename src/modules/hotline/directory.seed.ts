// Seeds the 派单目录 from the demo agencies: each leaf category's default handler kind (taxonomy.ts) is looked up as a
// department code (`<district>-<kind>` or `cq-<kind>`, the codes bench/dispatch.bench.ts uses); a district without that
// department gets its district government (北京市接诉即办工作条例: 无法确定的派区政府, 兜底). Idempotent: seeds an empty
// directory only.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { DEMO_SIGN_IN } from '../../seed.ts';
import { DEMO_ROOT_CODE, type Agency } from '../agencies/index.ts';
import * as repo from './directory.repository.ts';
import type { DirectoryService } from './directory.service.ts';
import { seedKnowledgeBase } from './kb.seed.ts';
import { leafCategories, type DepartmentKind } from './taxonomy.ts';

export const DEPARTMENT_CODE_SUFFIX: Record<DepartmentKind, string> = {
  urban: 'cgj',
  housing: 'zjw',
  environment: 'sthjj',
  transport: 'jtw',
  market: 'scjgj',
  hrss: 'rlsbj',
  education: 'jw',
  health: 'wjw',
  medical_insurance: 'ybj',
  civil: 'mzj',
  police: 'gaj',
  housing_fund: 'gjj',
  planning: 'ghzrzyj',
  government: 'zf',
};

export interface SeedPlanEntry {
  categoryCode: string;
  divisionCode: string | null;
  agencyId: string;
}

/** The directory the demo agencies suggest (pure). `rootCode` is the city government's code. */
export function planDirectory(all: readonly Agency[], rootCode: string): SeedPlanEntry[] {
  const byCode = new Map(all.filter((a) => !a.retiredAt).map((a) => [a.code, a]));
  const root = byCode.get(rootCode);
  if (!root) return [];
  const districts = all.filter((a) => a.parentId === root.id && a.kind === 'government' && !a.retiredAt);
  const out: SeedPlanEntry[] = [];
  for (const leaf of leafCategories()) {
    if (!leaf.handler) continue;
    const suffix = DEPARTMENT_CODE_SUFFIX[leaf.handler.kind];
    const cityDept = byCode.get(`${rootCode}-${suffix}`);
    if (leaf.handler.level === 'city' && cityDept) {
      out.push({ categoryCode: leaf.code, divisionCode: null, agencyId: cityDept.id });
      continue;
    }
    for (const d of districts) {
      const dept = byCode.get(`${d.code}-${suffix}`);
      out.push({ categoryCode: leaf.code, divisionCode: d.divisionCode, agencyId: (dept ?? d).id });
    }
  }
  return out;
}

/** Seeds an empty 派单目录 from the demo agencies. */
export async function seedHotlineDirectory(deps: Pick<Deps, 'db' | 'agencies'>, directory: DirectoryService): Promise<void> {
  if ((await repo.countEntries(deps.db)) > 0) return;
  const plan = planDirectory(await deps.agencies.listAgencies(), DEMO_ROOT_CODE);
  for (const p of plan) {
    await directory.setEntry({ system: 'seed' }, { categoryCode: p.categoryCode, divisionCode: p.divisionCode ?? '', agencyId: p.agencyId, basis: '演示数据：按类别的默认承办部门' });
  }
}

/** Demo 承办人 of the district governments the demo 派单目录 falls back to (password: the demo sign-in's). */
export const DEMO_HOTLINE_STAFF = [{ username: 'yz-handler', name: '渝中区承办人', agency: 'yz' }] as const;

/** The console's demo data, after the demo tickets: the 派单目录, the 知识库, a classifier trained on those tickets, and a handler. */
export async function seedHotlineConsole(deps: Pick<Deps, 'db' | 'agencies' | 'hotlineConsole' | 'staff'>): Promise<void> {
  await seedHotlineDirectory(deps, deps.hotlineConsole.directory);
  for (const u of DEMO_HOTLINE_STAFF) {
    const exists = await deps.db.execute(sql`SELECT 1 FROM users WHERE username = ${u.username}`);
    const agency = (await deps.agencies.listAgencies()).find((a) => a.code === u.agency);
    if (exists.rows.length || !agency) continue;
    await deps.staff.createUser({ system: 'seed' }, { username: u.username, name: u.name, password: DEMO_SIGN_IN.password, role: 'handler', agencyId: agency.id, includeSubtree: false });
  }
  await seedKnowledgeBase({ ...deps, kb: deps.hotlineConsole.kb });
  if (!(await deps.hotlineConsole.directory.modelInfo())) await deps.hotlineConsole.directory.retrain({ system: 'seed' });
}
