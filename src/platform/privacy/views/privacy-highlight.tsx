import type { ComponentChildren } from 'preact';
import { FINDING_LABELS, type Finding } from '../finding.ts';
import { FINDING_STATUS_LABELS, type FindingStatus } from '../gate.ts';

export interface PrivacyHighlightProps {
  text: string;
  /** scanner findings, or gate findings (with a status) */
  findings: readonly (Finding & { status?: FindingStatus })[];
  /** prefix for the ids of the marks, so a findings table can link to #<idPrefix>-<n> */
  idPrefix?: string;
}

// Read by screen readers, invisible on screen (the usual clip pattern), so the mark's type is announced in Chinese.
const VISUALLY_HIDDEN = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0';

/** The text with each finding wrapped in <mark>, labelled with its type (and status) in Chinese. */
export function PrivacyHighlight({ text, findings, idPrefix = 'pii' }: PrivacyHighlightProps) {
  const sorted = findings
    .filter((f) => f.start >= 0 && f.end <= text.length && f.start < f.end)
    .slice()
    .sort((a, b) => a.start - b.start);
  const parts: ComponentChildren[] = [];
  let pos = 0;
  let n = 0;
  for (const f of sorted) {
    if (f.start < pos) continue;
    if (f.start > pos) parts.push(text.slice(pos, f.start));
    n++;
    const label = f.status ? `${FINDING_LABELS[f.type]}（${FINDING_STATUS_LABELS[f.status]}）` : FINDING_LABELS[f.type];
    parts.push(
      <mark
        id={`${idPrefix}-${n}`}
        class={`pii pii-${f.type}${f.status ? ` pii-${f.status}` : ''}`}
        data-type={f.type}
        data-start={String(f.start)}
        data-end={String(f.end)}
        title={label}
      >
        <span style={VISUALLY_HIDDEN}>{`${label}：`}</span>
        {text.slice(f.start, f.end)}
        <span style={VISUALLY_HIDDEN}>（标记结束）</span>
      </mark>,
    );
    pos = f.end;
  }
  if (pos < text.length) parts.push(text.slice(pos));
  return (
    <div class="privacy-highlight" data-findings={String(n)} style="white-space:pre-wrap">
      {parts}
    </div>
  );
}
