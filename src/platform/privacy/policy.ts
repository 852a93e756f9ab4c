// Which masking policy a text gets. 渝府办发〔2018〕76号: "对涉及个人隐私的政府信息，除惩戒性公示公告、强制性信息披露外，
// 公开时要去标识化处理". The policy follows from the item's 体裁 (genre) or the publishing module — never from a
// clerk's free choice (issue 4 "Exemptions").
import type { Finding } from './finding.ts';

export const PRIVACY_POLICIES = ['default', 'punitive'] as const;
export type PrivacyPolicy = (typeof PRIVACY_POLICIES)[number];

export const PRIVACY_POLICY_LABELS: Record<PrivacyPolicy, string> = {
  default: '去标识化（一般公开）',
  punitive: '惩戒性公示公告、强制性信息披露（保留当事人姓名）',
};

export function isPrivacyPolicy(value: unknown): value is PrivacyPolicy {
  return value === 'default' || value === 'punitive';
}

/**
 * Genres and modules whose publication is punitive or a mandatory disclosure. Exact names; the keyword rule below
 * covers variants such as 行政处罚决定书 / 行政处罚结果公示.
 */
export const PUNITIVE_GENRES: ReadonlySet<string> = new Set([
  '行政处罚决定', // 行政处罚法 第四十八条: 具有一定社会影响的行政处罚决定应当依法公开
  '行政处罚决定书',
  '行政处罚结果',
  '行政处罚信息',
  '信用黑名单', // 社会信用体系: 失信联合惩戒对象名单
  '严重失信主体名单',
  '失信被执行人名单',
  '失信联合惩戒对象名单',
  '经营异常名录',
  '严重违法失信企业名单',
  '重大税收违法失信案件',
  '惩戒性公示公告',
  '强制性信息披露',
  // module names
  'penalties',
  'credit.blacklist',
]);

const PUNITIVE_KEYWORDS = ['行政处罚决定', '行政处罚结果', '黑名单', '失信', '惩戒', '强制性信息披露', '经营异常名录'];
/** 红名单、守信激励 are commendations, not punishment: default policy. */
const NOT_PUNITIVE_KEYWORDS = ['红名单', '守信', '撤销', '信用修复'];

/** The policy for a document genre (体裁) or a module name. Unknown genres get the protective default. */
export function policyForGenre(genreOrModule: string): PrivacyPolicy {
  const g = genreOrModule.trim();
  if (PUNITIVE_GENRES.has(g)) return 'punitive';
  if (NOT_PUNITIVE_KEYWORDS.some((k) => g.includes(k))) return 'default';
  return PUNITIVE_KEYWORDS.some((k) => g.includes(k)) ? 'punitive' : 'default';
}

/**
 * Roles whose names stay under the punitive policy: the parties punished or disclosed. Everyone else (witnesses,
 * relatives, complainants) is still masked — 行政处罚结果公开: "被处罚人以外的自然人姓名" must be hidden.
 */
export const PARTY_ROLES: ReadonlySet<string> = new Set(['当事人', '被处罚人', '被执行人', '违法行为人', '法定代表人', '负责人', '经营者']);

/** Does this finding stay as it is under the policy? Only party names under punitive; numbers are always masked. */
export function isExempt(finding: Finding, policy: PrivacyPolicy): boolean {
  switch (policy) {
    case 'default':
      return false;
    case 'punitive':
      return finding.type === 'name' && finding.role !== undefined && PARTY_ROLES.has(finding.role);
    default: {
      const never: never = policy;
      throw new Error(`unknown policy ${String(never)}`);
    }
  }
}
