import { Fragment, type ComponentChildren, type JSX } from 'preact';
import type { FieldError } from '../http/errors.ts';
import type { Flash } from './context.ts';

/** The id of a form field's control; ErrorSummary links to it. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

/** The first error for one field, or undefined: `error={fieldErrorFor(errors, 'name')}`. */
export function fieldErrorFor(errors: readonly FieldError[] | undefined, name: string): string | undefined {
  return errors?.find((e) => e.field === name)?.message;
}

/** The hidden CSRF field every cookie-authenticated form carries (session.ts checks `_csrf`). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** GOV.UK error summary: at the top of a form, links to each bad field. Renders nothing without errors. */
export function ErrorSummary({ errors, title }: { errors: readonly FieldError[]; title?: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-autofocus="">
      <h2 id="error-summary-title">{title ?? `提交的内容有 ${errors.length} 处需要修改`}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#${fieldId(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldMeta({ name, hint, error }: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p class="field-hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${fieldId(name)}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
    </>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'url' | 'password' | 'date' | 'number' | 'search' | 'datetime-local' | 'time';
  required?: boolean;
  maxLength?: number;
  autocomplete?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search' | 'none';
  /** a narrower input for short codes (e.g. 6-digit 行政区划代码) */
  width?: 'short' | 'medium' | 'full';
  disabled?: boolean;
}

/**
 * A labelled input with hint and error text beside it; id `field-<name>`. `required` marks the field
 * for assistive technology only: the server checks and answers with the error summary (GOV.UK avoids
 * the browser's own validation bubbles).
 */
export function TextField(p: TextFieldProps) {
  const id = fieldId(p.name);
  return (
    <div class={`field${p.error ? ' field--error' : ''}`}>
      <label for={id}>
        {p.label}
        {p.required ? '' : <span class="optional">（选填）</span>}
      </label>
      <FieldMeta name={p.name} hint={p.hint} error={p.error} />
      <input
        id={id}
        name={p.name}
        // preact types `type` as a discriminated union; the runtime attribute is just a string
        type={(p.type ?? 'text') as 'text'}
        value={p.value ?? ''}
        class={`input${p.width ? ` input--${p.width}` : ''}`}
        aria-required={p.required ? 'true' : undefined}
        maxLength={p.maxLength}
        autoComplete={p.autocomplete}
        inputMode={p.inputMode}
        disabled={p.disabled}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      />
    </div>
  );
}

export interface TextAreaProps {
  name: string;
  label: string;
  value?: string | null | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  rows?: number;
  required?: boolean;
  maxLength?: number;
}

export function TextArea(p: TextAreaProps) {
  const id = fieldId(p.name);
  return (
    <div class={`field${p.error ? ' field--error' : ''}`}>
      <label for={id}>
        {p.label}
        {p.required ? '' : <span class="optional">（选填）</span>}
      </label>
      <FieldMeta name={p.name} hint={p.hint} error={p.error} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        class="input"
        aria-required={p.required ? 'true' : undefined}
        maxLength={p.maxLength}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, p.error)}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps {
  name: string;
  label: string;
  options: readonly SelectOption[];
  value?: string | null | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** text of an empty first option, e.g. 请选择 */
  placeholder?: string;
}

export function SelectField(p: SelectFieldProps) {
  const id = fieldId(p.name);
  return (
    <div class={`field${p.error ? ' field--error' : ''}`}>
      <label for={id}>
        {p.label}
        {p.required ? '' : <span class="optional">（选填）</span>}
      </label>
      <FieldMeta name={p.name} hint={p.hint} error={p.error} />
      <select id={id} name={p.name} class="input" aria-required={p.required ? 'true' : undefined} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.hint, p.error)}>
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === (p.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface CheckboxFieldProps {
  name: string;
  label: string;
  checked?: boolean;
  /** submitted value when checked (default "1") */
  value?: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** distinct id when several checkboxes share a name */
  id?: string;
}

export function CheckboxField(p: CheckboxFieldProps) {
  const id = p.id ?? fieldId(p.name);
  return (
    <div class={`field field--checkbox${p.error ? ' field--error' : ''}`}>
      <FieldMeta name={p.name} hint={p.hint} error={p.error} />
      <input id={id} type="checkbox" name={p.name} value={p.value ?? '1'} checked={p.checked} aria-invalid={p.error ? 'true' : undefined} aria-describedby={describedBy(p.name, p.hint, p.error)} />
      <label for={id}>{p.label}</label>
    </div>
  );
}

/** The one-time message set by reply.flash(); role=status so screen readers announce it. */
export function FlashMessage({ flash }: { flash: Flash | null | undefined }) {
  if (!flash) return null;
  return (
    <div class={`flash flash--${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
      {flash.text}
    </div>
  );
}

export type StatusTone = 'neutral' | 'pending' | 'success' | 'warning' | 'danger';

/** A status tag such as 待审核 (pending) / 已发布 (success) / 已撤回 (neutral) / 已废止 (danger). */
export function StatusTag({ label, tone }: { label: string; tone?: StatusTone }) {
  return <strong class={`tag tag--${tone ?? 'neutral'}`}>{label}</strong>;
}

/** Working days left until a deadline: 剩余 3 个工作日; 今日到期; 已超期 2 个工作日 (red). */
export function DeadlineChip({ remaining }: { remaining: number }) {
  if (remaining < 0) return <strong class="chip chip--overdue">已超期 {-remaining} 个工作日</strong>;
  if (remaining === 0) return <strong class="chip chip--due">今日到期</strong>;
  return <span class={`chip${remaining <= 3 ? ' chip--soon' : ''}`}>剩余 {remaining} 个工作日</span>;
}

export type BannerKind = 'danger' | 'warning' | 'info' | 'success';

/** A bordered notice; `danger` (red border) marks 失效/废止 documents. */
export function Banner({ kind, title, children }: { kind: BannerKind; title: string; children?: ComponentChildren }) {
  return (
    <section class={`banner banner--${kind}`} role={kind === 'danger' ? 'note' : undefined} aria-label={title}>
      <h2 class="banner-title">{title}</h2>
      {children && <div class="banner-body">{children}</div>}
    </section>
  );
}

export interface ReceiptRow {
  label: string;
  value: ComponentChildren;
}

export interface ReceiptBannerProps {
  /** the banner's heading and name, e.g. 受理回执 */
  title: string;
  /** what the number is called, e.g. 工单编号 */
  numberLabel: string;
  number: string;
  queryCode: string;
  /** rows after the 查询码, e.g. 受理机关 */
  extra?: readonly ReceiptRow[];
}

/**
 * The receipt shown once after a citizen submits: the number and the 查询码 (shown only this time) in a success
 * banner. The ids receipt-number and receipt-code are read by tests and browser flows; keep them.
 */
export function ReceiptBanner(p: ReceiptBannerProps) {
  return (
    <section class="banner banner--success" aria-label={p.title}>
      <h2 class="banner-title">{p.title}</h2>
      <dl class="receipt">
        <dt>{p.numberLabel}</dt>
        <dd>
          <strong id="receipt-number">{p.number}</strong>
        </dd>
        <dt>查询码</dt>
        <dd>
          <strong id="receipt-code">{p.queryCode}</strong>
        </dd>
        {p.extra?.map((r) => (
          <Fragment key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

export interface PaginationProps {
  page: number;
  pageCount: number;
  /** the URL of a page number, keeping the current filters */
  hrefFor: (page: number) => string;
}

/** Previous / numbered / next links; a window of pages around the current one. */
export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  if (pageCount <= 1) return null;
  const pages: (number | 'gap')[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= 2) pages.push(n);
    else if (pages[pages.length - 1] !== 'gap') pages.push('gap');
  }
  return (
    <nav class="pagination" aria-label="分页">
      <ul>
        {page > 1 && (
          <li>
            <a href={hrefFor(page - 1)} rel="prev">
              上一页
            </a>
          </li>
        )}
        {pages.map((n, i) =>
          n === 'gap' ? (
            <li key={`gap-${i}`} class="pagination-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              {n === page ? (
                <a href={hrefFor(n)} aria-current="page" aria-label={`第 ${n} 页，当前页`}>
                  {n}
                </a>
              ) : (
                <a href={hrefFor(n)} aria-label={`第 ${n} 页`}>
                  {n}
                </a>
              )}
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <a href={hrefFor(page + 1)} rel="next">
              下一页
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
  /** right-align numbers */
  numeric?: boolean;
}

export interface DataTableProps<Row> {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** shown instead of an empty table */
  empty?: string;
  /** hide the caption visually (it stays for screen readers) */
  captionHidden?: boolean;
}

/**
 * A dense, captioned table; the wrapper scrolls horizontally on phones. The wrapper is a focusable region (so a
 * keyboard can scroll it) named "表格：<caption>", never the caption alone: a section headed by the same words
 * would otherwise be a second landmark with the same name (axe landmark-unique).
 */
export function DataTable<Row>(p: DataTableProps<Row>): JSX.Element {
  if (p.rows.length === 0) return <p class="empty">{p.empty ?? '暂无记录。'}</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={`表格：${p.caption}`}>
      <table class="table">
        <caption class={p.captionHidden ? 'visually-hidden' : undefined}>{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th key={c.header} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={p.rowKey(r)}>
              {p.columns.map((c) => (
                <td key={c.header} class={c.numeric ? 'num' : undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A primary or secondary submit button; `danger` for irreversible actions. */
export function Button({ children, kind, name, value, type }: { children: ComponentChildren; kind?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string; type?: 'submit' | 'button' }) {
  return (
    <button type={type ?? 'submit'} class={`button button--${kind ?? 'primary'}`} name={name} value={value}>
      {children}
    </button>
  );
}
