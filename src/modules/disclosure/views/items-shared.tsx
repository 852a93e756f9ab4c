// Pieces shared by the console's item pages: status tags, the 第二十六条 deadline chip, checkbox groups, the agency
// picker of the board pages.

import { DeadlineChip, fieldId, StatusTag, type StatusTone } from '../../../platform/views/components.tsx';
import { ITEM_STATUS_NAMES, REVISION_STATE_NAMES, type ItemStatus, type RevisionState } from '../disclosure.workflow.ts';
import type { DueBoardRow } from '../items.service.ts';
import { validityName, type Validity } from '../taxonomy.ts';

export const ITEMS_PATH = '/console/items';
export const itemHref = (itemId: string): string => `${ITEMS_PATH}/${itemId}`;

export interface AgencyChoice {
  id: string;
  name: string;
}

/** The tag of where an item stands: its open revision (草稿 / 待审核) first, else its public status. */
export function itemTag(revisionState: RevisionState | null, status: ItemStatus): { label: string; tone: StatusTone } {
  if (revisionState === 'draft') return { label: REVISION_STATE_NAMES.draft, tone: 'neutral' };
  if (revisionState === 'submitted') return { label: REVISION_STATE_NAMES.submitted, tone: 'pending' };
  switch (status) {
    case 'published':
      return { label: ITEM_STATUS_NAMES.published, tone: 'success' };
    case 'withdrawn':
      return { label: ITEM_STATUS_NAMES.withdrawn, tone: 'warning' };
    case 'unpublished':
      return { label: ITEM_STATUS_NAMES.unpublished, tone: 'danger' };
    case 'never_published':
      return { label: ITEM_STATUS_NAMES.never_published, tone: 'neutral' };
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

export function ItemTags({ revisionState, status, validity }: { revisionState: RevisionState | null; status: ItemStatus; validity: Validity }) {
  const t = itemTag(revisionState, status);
  return (
    <span class="tags">
      <StatusTag label={t.label} tone={t.tone} />
      {revisionState !== null && status !== 'never_published' && (
        <>
          {' '}
          <StatusTag label={`公开版本${ITEM_STATUS_NAMES[status]}`} tone="neutral" />
        </>
      )}
      {validity !== 'valid' && (
        <>
          {' '}
          <StatusTag label={`已${validityName(validity)}`} tone="danger" />
        </>
      )}
    </span>
  );
}

/** 剩余 N 个工作日 / 今日到期 / 已超期 N 个工作日 (条例 第二十六条), from the service's board row. */
export function ItemDeadlineChip({ row }: { row: DueBoardRow }) {
  if (row.status === 'overdue') {
    return row.workingDaysOverdue > 0 ? <DeadlineChip remaining={-row.workingDaysOverdue} /> : <strong class="chip chip--overdue">已超期</strong>;
  }
  return <DeadlineChip remaining={row.workingDaysLeft} />;
}

export interface CheckboxChoice {
  value: string;
  label: string;
  hint?: string;
}

/** A group of checkboxes sharing one name; the first box carries `field-<name>` for the error summary's link. */
export function CheckboxGroup({ name, legend, choices, checked, error, hint, empty }: { name: string; legend: string; choices: readonly CheckboxChoice[]; checked: readonly string[]; error?: string | undefined; hint?: string; empty?: string }) {
  const errorId = `${fieldId(name)}-error`;
  return (
    <fieldset class={`field${error ? ' field--error' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>
        {legend}
        <span class="optional">（选填）</span>
      </legend>
      {hint && <p class="field-hint">{hint}</p>}
      {error && (
        <p class="field-error" id={errorId}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      {choices.length === 0 && <p class="empty">{empty ?? '暂无可选项。'}</p>}
      {choices.map((c, i) => {
        const id = i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`;
        return (
          <div class="field field--checkbox" key={c.value}>
            <input id={id} type="checkbox" name={name} value={c.value} checked={checked.includes(c.value)} />
            <label for={id}>
              {c.label}
              {c.hint && <span class="field-hint"> {c.hint}</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A GET form choosing the agency of a per-agency page (works without script: a submit button). */
export function AgencyPicker({ action, agencies, current }: { action: string; agencies: readonly AgencyChoice[]; current: string }) {
  return (
    <form method="get" action={action} class="filters">
      <label for="field-agency">机关</label>{' '}
      <select id="field-agency" name="agency" class="input input--medium">
        {agencies.map((a) => (
          <option key={a.id} value={a.id} selected={a.id === current}>
            {a.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="button button--secondary">
        查看
      </button>
    </form>
  );
}

export function formatDateTime(d: Date | null | undefined): string {
  if (!d) return '';
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}
