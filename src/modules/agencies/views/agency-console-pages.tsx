import type { FieldError } from '../../../platform/http/errors.ts';
import { Banner, Button, CheckboxField, CsrfField, DataTable, ErrorSummary, fieldErrorFor, SelectField, StatusTag, TextArea, TextField, type Column } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { agencyHref } from '../../../platform/views/navigation.ts';
import { AGENCY_KINDS } from '../agencies.tables.ts';
import { AGENCY_KIND_IDS, type Agency } from '../agencies.schema.ts';

const LIST_PATH = '/console/agencies';
const LIST_LABEL = '机关管理';

export function consoleAgencyPath(code: string, action: 'edit' | 'retire'): string {
  return `${LIST_PATH}/${encodeURIComponent(code)}/${action}`;
}

/** Full-width spaces and a branch mark: CSP forbids inline styles, and the text reads fine in any client. */
function Indent({ depth }: { depth: number }) {
  if (depth === 0) return null;
  return (
    <>
      <span aria-hidden="true">{'　'.repeat(depth - 1)}└ </span>
      <span class="visually-hidden">第 {depth + 1} 级：</span>
    </>
  );
}

/** Agencies for a parent <select>, indented by depth. */
function parentOptions(parents: readonly Agency[]) {
  return parents.map((p) => ({ value: p.id, label: `${'　'.repeat(p.ancestors.length)}${p.name}` }));
}

interface ConsoleRow {
  agency: Agency;
  canManage: boolean;
}

/** /console/agencies: the tree as an indented table. */
export function AgencyConsoleListPage({ ctx, rows, canCreate }: { ctx: PageContext; rows: ConsoleRow[]; canCreate: boolean }) {
  const columns: Column<ConsoleRow>[] = [
    {
      header: '机关',
      cell: ({ agency: a }) => (
        <>
          <Indent depth={a.ancestors.length} />
          <a href={agencyHref(a.code)}>{a.name}</a> {a.retiredAt && <StatusTag label="已撤销" tone="neutral" />}
        </>
      ),
    },
    { header: '类型', cell: ({ agency: a }) => AGENCY_KINDS[a.kind] },
    { header: '代码', cell: ({ agency: a }) => <code>{a.code}</code> },
    {
      header: '统一社会信用代码',
      cell: ({ agency: a }) => (
        <>
          <code>{a.creditCode}</code> {a.isDemo && <StatusTag label="演示" tone="warning" />}
        </>
      ),
    },
    { header: '信息公开工作机构电话', cell: ({ agency: a }) => a.officePhone },
    {
      header: '操作',
      cell: ({ agency: a, canManage }) =>
        canManage && !a.retiredAt ? (
          <span>
            <a href={consoleAgencyPath(a.code, 'edit')}>
              编辑<span class="visually-hidden">{a.name}</span>
            </a>
            {'　'}
            <a href={`${LIST_PATH}/new?parent=${encodeURIComponent(a.code)}`}>
              新增下级<span class="visually-hidden">（{a.name}）</span>
            </a>
            {'　'}
            <a href={consoleAgencyPath(a.code, 'retire')}>
              撤销<span class="visually-hidden">{a.name}</span>
            </a>
          </span>
        ) : null,
    },
  ];
  return (
    <ConsoleLayout ctx={ctx} title={LIST_LABEL} crumbs={[{ label: LIST_LABEL }]}>
      <h1>{LIST_LABEL}</h1>
      {canCreate && (
        <p class="actions">
          <a class="button button--primary" href={`${LIST_PATH}/new`}>
            新增机关
          </a>
        </p>
      )}
      <DataTable caption={`机关树（共 ${rows.length} 个）`} columns={columns} rows={rows} rowKey={(r) => r.agency.id} empty="您的权限范围内没有机关。" />
    </ConsoleLayout>
  );
}

/** What the agency form shows: the submitted strings on a re-render, or the record's values. */
export interface AgencyFormValues {
  code?: string;
  parentId?: string;
  name?: string;
  shortName?: string;
  kind?: string;
  divisionCode?: string;
  creditCode?: string;
  isDemo?: boolean;
  docPrefix?: string;
  officeName?: string;
  officeAddress?: string;
  officePhone?: string;
  officeHours?: string;
  officeFax?: string;
  officeEmail?: string;
  sortOrder?: string;
  fourEyes?: boolean;
}

export function formValuesOf(a: Agency): AgencyFormValues {
  return {
    code: a.code,
    parentId: a.parentId ?? '',
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    divisionCode: a.divisionCode,
    creditCode: a.creditCode,
    isDemo: a.isDemo,
    docPrefix: a.docPrefix ?? '',
    officeName: a.officeName,
    officeAddress: a.officeAddress,
    officePhone: a.officePhone,
    officeHours: a.officeHours,
    officeFax: a.officeFax ?? '',
    officeEmail: a.officeEmail ?? '',
    sortOrder: String(a.sortOrder),
    fourEyes: a.fourEyes,
  };
}

export interface AgencyFormPageProps {
  ctx: PageContext;
  /** absent when creating */
  agency?: Agency;
  /** the version the form was opened at (edit only) */
  version?: number;
  values: AgencyFormValues;
  errors: readonly FieldError[];
  parents: readonly Agency[];
  canCreateRoot: boolean;
}

/** New and edit forms share the fields; the code is fixed once created. */
export function AgencyFormPage(p: AgencyFormPageProps) {
  const editing = p.agency !== undefined;
  const title = editing ? `编辑机关：${p.agency?.name ?? ''}` : '新增机关';
  const v = p.values;
  const err = (f: string) => fieldErrorFor(p.errors, f);
  const action = editing && p.agency ? consoleAgencyPath(p.agency.code, 'edit') : LIST_PATH;
  return (
    <ConsoleLayout ctx={p.ctx} title={title} crumbs={[{ label: LIST_LABEL, href: LIST_PATH }, { label: editing ? '编辑机关' : '新增机关' }]}>
      <ErrorSummary errors={p.errors} />
      <h1>{title}</h1>
      {p.agency?.retiredAt ? (
        <Banner kind="danger" title="该机关已撤销">
          <p>已撤销的机关不能修改。</p>
        </Banner>
      ) : (
        <form method="post" action={action} novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          {editing && <input type="hidden" name="version" value={String(p.version ?? '')} />}
          <fieldset class="panel">
            <legend>基本信息</legend>
            {editing ? (
              <p>
                机关代码：<code>{v.code}</code>（创建后不可更改）
              </p>
            ) : (
              <TextField name="code" label="机关代码" value={v.code} error={err('code')} required width="medium" maxLength={40} hint="用于网址，2–40 位小写字母、数字或连字符，如 cq-fgw。创建后不可更改。" />
            )}
            <SelectField
              name="parentId"
              label="上级机关"
              options={parentOptions(p.parents)}
              value={v.parentId}
              error={err('parentId')}
              required
              placeholder={p.canCreateRoot ? '（无，设为顶级机关）' : undefined}
            />
            <TextField name="name" label="机关名称" value={v.name} error={err('name')} required maxLength={100} hint="全称，如 重庆市发展和改革委员会" />
            <TextField name="shortName" label="简称" value={v.shortName} error={err('shortName')} required width="medium" maxLength={30} hint="如 市发展改革委" />
            <SelectField name="kind" label="机关类型" options={AGENCY_KIND_IDS.map((k) => ({ value: k, label: AGENCY_KINDS[k] }))} value={v.kind} error={err('kind')} required placeholder="请选择" />
            <TextField name="divisionCode" label="行政区划代码" value={v.divisionCode} error={err('divisionCode')} required width="short" inputMode="numeric" maxLength={6} hint="6 位数字，如 500000" />
            <TextField name="creditCode" label="统一社会信用代码" value={v.creditCode} error={err('creditCode')} required width="medium" maxLength={18} hint="18 位，最后一位是校验码（GB 32100）" />
            <CheckboxField name="isDemo" label="演示数据（信用代码仅校验位有效，非真实登记）" checked={v.isDemo} error={err('isDemo')} />
            <TextField name="docPrefix" label="机关代字" value={v.docPrefix} error={err('docPrefix')} width="short" maxLength={20} hint="发文字号中的代字，如 渝府办发" />
            <TextField name="sortOrder" label="排序" value={v.sortOrder} error={err('sortOrder')} width="short" inputMode="numeric" hint="同级机关按数字从小到大排列" />
            <CheckboxField name="fourEyes" label="发布需经审核（双人复核）" checked={v.fourEyes} error={err('fourEyes')} />
          </fieldset>
          <fieldset class="panel">
            <legend>政府信息公开工作机构（条例 第十二条）</legend>
            <TextField name="officeName" label="工作机构名称" value={v.officeName} error={err('officeName')} required maxLength={100} />
            <TextField name="officeAddress" label="办公地址" value={v.officeAddress} error={err('officeAddress')} required maxLength={200} />
            <TextField name="officeHours" label="办公时间" value={v.officeHours} error={err('officeHours')} required maxLength={100} hint="如 工作日 9:00—12:00，14:00—17:30" />
            <TextField name="officePhone" label="联系电话" type="tel" value={v.officePhone} error={err('officePhone')} required width="medium" maxLength={40} hint="如 023-63899114" />
            <TextField name="officeFax" label="传真" type="tel" value={v.officeFax} error={err('officeFax')} width="medium" maxLength={40} />
            <TextField name="officeEmail" label="电子邮箱" type="email" value={v.officeEmail} error={err('officeEmail')} width="medium" maxLength={100} />
          </fieldset>
          <div class="actions">
            <Button>{editing ? '保存' : '创建机关'}</Button>
            <a href={LIST_PATH}>取消</a>
          </div>
        </form>
      )}
    </ConsoleLayout>
  );
}

export interface RetirePageProps {
  ctx: PageContext;
  agency: Agency;
  version: number;
  reason?: string;
  errors: readonly FieldError[];
}

/** Retiring keeps the record (and its history); it leaves lists and cannot be edited. */
export function RetireAgencyPage(p: RetirePageProps) {
  const title = `撤销机关：${p.agency.name}`;
  return (
    <ConsoleLayout ctx={p.ctx} title={title} crumbs={[{ label: LIST_LABEL, href: LIST_PATH }, { label: '撤销机关' }]}>
      <ErrorSummary errors={p.errors} />
      <h1>{title}</h1>
      {p.agency.retiredAt ? (
        <Banner kind="danger" title="该机关已撤销" />
      ) : (
        <form method="post" action={consoleAgencyPath(p.agency.code, 'retire')} novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <input type="hidden" name="version" value={String(p.version)} />
          <p>撤销后，该机关不再出现在机关列表中，也不能再修改；其记录、已发布的信息和审计记录都会保留，公开页面仍可访问并标明已撤销。有下级机关的，须先撤销或移走下级机关。</p>
          <TextArea name="reason" label="撤销原因" value={p.reason} error={fieldErrorFor(p.errors, 'reason')} required rows={3} maxLength={500} hint="如 机构改革，职责划入某某局" />
          <div class="actions">
            <Button kind="danger">确认撤销</Button>
            <a href={LIST_PATH}>取消</a>
          </div>
        </form>
      )}
    </ConsoleLayout>
  );
}
