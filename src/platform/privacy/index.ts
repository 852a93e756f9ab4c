// The privacy gate's public surface: scan, mask, decide the policy, check before publishing, read attachments.
export { FINDING_LABELS, FINDING_TYPES, isFindingType, publicFinding, type Finding, type FindingType } from './finding.ts';
export { scanText, type ScanOptions } from './scanner.ts';
export { isMaskMode, MASK_MODES, maskText, maskValue, planMasking, type MaskMode, type MaskOptions, type NameStyle, type Replacement } from './masker.ts';
export { isExempt, isPrivacyPolicy, PARTY_ROLES, policyForGenre, PRIVACY_POLICIES, PRIVACY_POLICY_LABELS, PUNITIVE_GENRES, type PrivacyPolicy } from './policy.ts';
export {
  checkPublishable,
  deidentifyAll,
  FINDING_STATUS_LABELS,
  type AttachmentInput,
  type AttachmentResult,
  type FindingStatus,
  type GateFinding,
  type GateInput,
  type GateResult,
  type PrivacyOverride,
} from './gate.ts';
export { DOCX_MIME, extractText, PDF_MIME, XLSX_MIME } from './attachments.ts';
export { isLuhnValid } from './luhn.ts';
export { PrivacyHighlight, type PrivacyHighlightProps } from './views/privacy-highlight.tsx';
