// Form bodies (all strings) to service input. Anything unexpected is passed on for the schema to name.
import type { AgencyFormValues } from './views/agency-console-pages.tsx';

type Body = Record<string, unknown>;

export function bodyOf(raw: unknown): Body {
  return raw && typeof raw === 'object' ? (raw as Body) : {};
}

function text(v: unknown): unknown {
  return typeof v === 'string' ? v.trim() : v;
}

/** '' → null for optional fields */
function optional(v: unknown): unknown {
  const t = text(v);
  return t === '' || t === undefined ? null : t;
}

function int(v: unknown): unknown {
  const t = text(v);
  if (t === '' || t === undefined) return 0;
  return typeof t === 'string' && /^\d{1,9}$/.test(t) ? Number(t) : t;
}

function checkbox(v: unknown): boolean {
  return v === '1' || v === 'on' || v === 'true';
}

const TEXT_FIELDS = ['name', 'shortName', 'kind', 'divisionCode', 'officeName', 'officeAddress', 'officePhone', 'officeHours'] as const;

/** The agency form → NewAgency (create) or AgencyChanges (edit, without the code). */
export function agencyInputFromForm(raw: unknown, mode: 'create' | 'edit'): Record<string, unknown> {
  const b = bodyOf(raw);
  const out: Record<string, unknown> = {};
  if (mode === 'create') out.code = text(b.code);
  out.parentId = optional(b.parentId);
  for (const f of TEXT_FIELDS) out[f] = text(b[f]);
  const credit = text(b.creditCode);
  out.creditCode = typeof credit === 'string' ? credit.toUpperCase() : credit;
  out.isDemo = checkbox(b.isDemo);
  out.docPrefix = optional(b.docPrefix);
  out.officeFax = optional(b.officeFax);
  out.officeEmail = optional(b.officeEmail);
  out.sortOrder = int(b.sortOrder);
  out.fourEyes = checkbox(b.fourEyes);
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** What the user typed, to re-render the form after a refusal. */
export function formValuesFromBody(raw: unknown): AgencyFormValues {
  const b = bodyOf(raw);
  return {
    code: str(b.code),
    parentId: str(b.parentId),
    name: str(b.name),
    shortName: str(b.shortName),
    kind: str(b.kind),
    divisionCode: str(b.divisionCode),
    creditCode: str(b.creditCode),
    isDemo: checkbox(b.isDemo),
    docPrefix: str(b.docPrefix),
    officeName: str(b.officeName),
    officeAddress: str(b.officeAddress),
    officePhone: str(b.officePhone),
    officeHours: str(b.officeHours),
    officeFax: str(b.officeFax),
    officeEmail: str(b.officeEmail),
    sortOrder: str(b.sortOrder),
    fourEyes: checkbox(b.fourEyes),
  };
}

/** The hidden version field; NaN when missing or malformed (the service then reports STALE_RECORD). */
export function versionFromForm(raw: unknown): number {
  const v = bodyOf(raw).version;
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
}
