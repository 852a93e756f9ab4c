import { randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/database.ts';
import { completeCreditCode, USCC_ALPHABET } from '../../platform/text/identifiers.ts';
import { findAgencyById, insertAgency } from './agencies.repository.ts';
import type { Agency, NewAgency } from './agencies.schema.ts';

let counter = 0;

function randomBody(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += USCC_ALPHABET[b % USCC_ALPHABET.length];
  return s;
}

/** A fresh checksum-valid 统一社会信用代码 for tests: `11` + division + 9 random characters + check. */
export function testCreditCode(divisionCode = '500000'): string {
  return completeCreditCode(`11${divisionCode}${randomBody(9)}`);
}

/** A valid NewAgency with unique code, name and credit code; overrides win. */
export function buildNewAgency(overrides: Partial<NewAgency> = {}): NewAgency {
  counter++;
  const tag = `${counter.toString(36)}${randomBytes(3).toString('hex')}`;
  const divisionCode = overrides.divisionCode ?? '500000';
  return {
    code: `t-${tag}`,
    parentId: null,
    name: `测试机关${tag}`,
    shortName: `测试${tag}`.slice(0, 30),
    kind: 'department',
    divisionCode,
    creditCode: testCreditCode(divisionCode),
    isDemo: true,
    docPrefix: null,
    officeName: `测试机关${tag}办公室`,
    officeAddress: '重庆市渝北区测试路 1 号',
    officePhone: '023-63890000',
    officeHours: '工作日 9:00—12:00，14:00—17:30',
    officeFax: null,
    officeEmail: null,
    sortOrder: 0,
    fourEyes: true,
    ...overrides,
  };
}

/**
 * Inserts a valid agency straight into the table (no policy, no audit): unique code/name/credit code,
 * and `ancestors` computed from `overrides.parentId`, so each test builds its own tree.
 */
export async function createTestAgency(db: Executor, overrides: Partial<NewAgency> = {}): Promise<Agency> {
  const input = buildNewAgency(overrides);
  let ancestors: string[] = [];
  if (input.parentId) {
    const parent = await findAgencyById(db, input.parentId);
    if (!parent) throw new Error(`createTestAgency: parent ${input.parentId} does not exist`);
    ancestors = [...parent.ancestors, parent.id];
  }
  return insertAgency(db, {
    ...input,
    parentId: input.parentId ?? null,
    docPrefix: input.docPrefix ?? null,
    officeFax: input.officeFax ?? null,
    officeEmail: input.officeEmail ?? null,
    isDemo: input.isDemo ?? true,
    sortOrder: input.sortOrder ?? 0,
    fourEyes: input.fourEyes ?? true,
    ancestors,
  });
}
