// The publication gate (pure part). Before a text becomes public it is scanned; each finding must be masked, be
// exempt under the text's policy, or be overridden one by one with a reason (the caller records an audit row).
// Attachments whose text cannot be extracted need the clerk's confirmation that they were checked (issue 4).
import { FINDING_LABELS, type Finding, type FindingType } from './finding.ts';
import { maskText, maskValue } from './masker.ts';
import { isExempt, type PrivacyPolicy } from './policy.ts';
import { scanText, type ScanOptions } from './scanner.ts';

export interface PrivacyOverride {
  type: FindingType;
  text: string;
  /** why this value may be published as it is; required */
  reason: string;
}

export type FindingStatus = 'unresolved' | 'exempt' | 'overridden';

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  unresolved: '待处理',
  exempt: '依法保留',
  overridden: '已说明理由保留',
};

/** A finding with what the console needs to show it in place. */
export interface GateFinding extends Finding {
  label: string;
  /** the conventional mask, for a preview or a one-by-one fix */
  masked: string;
  status: FindingStatus;
  reason?: string;
}

export interface AttachmentInput {
  name: string;
  /** extracted text, or null when it could not be extracted (extractText returned null) */
  text: string | null;
  /** the clerk confirmed they checked an attachment whose text could not be extracted */
  confirmedChecked?: boolean;
}

export interface AttachmentResult {
  name: string;
  findings: GateFinding[];
  unresolved: GateFinding[];
  needsConfirmation: boolean;
}

export interface GateInput {
  text: string;
  policy: PrivacyPolicy;
  overrides?: readonly PrivacyOverride[];
  scan?: ScanOptions;
  attachments?: readonly AttachmentInput[];
}

export interface GateResult {
  ok: boolean;
  findings: GateFinding[];
  unresolved: GateFinding[];
  attachments: AttachmentResult[];
  /** overrides without a reason: ignored */
  rejectedOverrides: PrivacyOverride[];
  /** one Chinese sentence for the form's error summary, empty when ok */
  message: string;
}

function review(text: string, policy: PrivacyPolicy, overrides: readonly PrivacyOverride[], scan: ScanOptions | undefined): GateFinding[] {
  const byKey = new Map<string, PrivacyOverride>();
  for (const o of overrides) byKey.set(`${o.type}\u0000${o.text}`, o);
  return scanText(text, scan).map((f): GateFinding => {
    const base = { ...f, label: FINDING_LABELS[f.type], masked: maskValue(f.type, f.text) };
    if (isExempt(f, policy)) return { ...base, status: 'exempt' };
    const o = byKey.get(`${f.type}\u0000${f.text}`);
    return o ? { ...base, status: 'overridden', reason: o.reason.trim() } : { ...base, status: 'unresolved' };
  });
}

/** Can this text (and its attachments) be published under the policy with these overrides? */
export function checkPublishable(input: GateInput): GateResult {
  const all = input.overrides ?? [];
  const valid = all.filter((o) => o.reason.trim().length > 0);
  const rejectedOverrides = all.filter((o) => o.reason.trim().length === 0);
  const findings = review(input.text, input.policy, valid, input.scan);
  const unresolved = findings.filter((f) => f.status === 'unresolved');
  const attachments = (input.attachments ?? []).map((a): AttachmentResult => {
    if (a.text === null) return { name: a.name, findings: [], unresolved: [], needsConfirmation: !a.confirmedChecked };
    const af = review(a.text, input.policy, valid, input.scan);
    return { name: a.name, findings: af, unresolved: af.filter((f) => f.status === 'unresolved'), needsConfirmation: false };
  });
  const ok = unresolved.length === 0 && attachments.every((a) => a.unresolved.length === 0 && !a.needsConfirmation);
  return { ok, findings, unresolved, attachments, rejectedOverrides, message: ok ? '' : summarize(unresolved, attachments) };
}

function countByType(findings: readonly GateFinding[]): string {
  const counts = new Map<FindingType, number>();
  for (const f of findings) counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${FINDING_LABELS[t]} ${n} 处`).join('、');
}

function summarize(unresolved: readonly GateFinding[], attachments: readonly AttachmentResult[]): string {
  const parts: string[] = [];
  if (unresolved.length > 0) parts.push(`正文含有未处理的个人信息：${countByType(unresolved)}`);
  for (const a of attachments) {
    if (a.unresolved.length > 0) parts.push(`附件“${a.name}”含有未处理的个人信息：${countByType(a.unresolved)}`);
    if (a.needsConfirmation) parts.push(`附件“${a.name}”无法提取文字，请人工核对后确认`);
  }
  return `${parts.join('；')}。请去标识化处理，或逐条说明保留理由。`;
}

/** "全部去标识化": the one-click fix — mask every finding that is neither exempt nor overridden with a reason. */
export function deidentifyAll(text: string, policy: PrivacyPolicy, options: { overrides?: readonly PrivacyOverride[]; scan?: ScanOptions } = {}): string {
  const keep = new Set((options.overrides ?? []).filter((o) => o.reason.trim()).map((o) => `${o.type}\u0000${o.text}`));
  const findings = scanText(text, options.scan).filter((f) => !keep.has(`${f.type}\u0000${f.text}`));
  return maskText(text, { mode: 'mask', policy, findings });
}
