// Demo data: last year's outside figures and draft text for 市政府办公厅 and 市发展改革委 (the two agencies whose
// applications requests.seed.ts builds), so `npm start` shows a complete report. Idempotent.
import type { Deps } from '../../deps.ts';
import { findReport } from './report.repository.ts';
import { shanghaiDate } from '../../platform/calendar/workdays.ts';

const SEED_ACTOR = { system: 'seed' };

const DEMO: readonly { code: string; figures: { licensing: number; penalty: number; enforcement: number; feesWanYuan: number } }[] = [
  { code: 'cq-bgt', figures: { licensing: 0, penalty: 0, enforcement: 0, feesWanYuan: 0 } },
  { code: 'cq-fgw', figures: { licensing: 1268, penalty: 37, enforcement: 4, feesWanYuan: 12.35 } },
];

export async function seedReports(deps: Deps): Promise<void> {
  const year = Number(shanghaiDate(new Date()).slice(0, 4)) - 1;
  for (const d of DEMO) {
    let agency;
    try {
      agency = await deps.agencies.getAgencyByCode(d.code);
    } catch {
      continue; // a trimmed demo tree
    }
    if (await findReport(deps.db, agency.id, year)) continue;
    await deps.report.saveOutsideFigures(SEED_ACTOR, agency.id, year, d.figures);
    await deps.report.saveText(SEED_ACTOR, agency.id, year, 0, {
      overview: `${year}年，${agency.name}坚持以公开为常态、不公开为例外，主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作有序推进。`,
      problems: '个别栏目更新不够及时，政策解读形式还不够丰富。下一步将加强日常检查，丰富图解、问答等解读形式。',
      otherMatters: '无。',
    });
  }
}
