// Console pages of the annual report: the picker, the editor (computed tables with violations beside their
// cells, the text, the outside figures, import, publish, exports) and the deadline board.
import type { FieldError } from '../../../platform/http/errors.ts';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { Banner, Button, CheckboxField, CsrfField, DataTable, ErrorSummary, fieldErrorFor, SelectField, StatusTag, TextArea, TextField } from '../../../platform/views/components.tsx';
import type { ReportChart } from '../report.charts.ts';
import { GOVERNMENT_EXTRA_TITLE, SECTION_TITLES, violationKey, type Violation } from '../report.format.ts';
import type { BoardRow, ReportView } from '../report.service.ts';
import { ReportBody, reportTitle } from './report-document.tsx';

export const REPORTS_PATH = '/console/reports';
export const reportHref = (agencyId: string, year: number, subtree = false): string => `${REPORTS_PATH}/${agencyId}/${year}${subtree ? '?subtree=1' : ''}`;

export function ReportPickerPage({ ctx, agencies, year, errors }: { ctx: PageContext; agencies: { id: string; name: string }[]; year: string; errors: FieldError[] }) {
  return (
    <ConsoleLayout ctx={ctx} title="政府信息公开工作年度报告" crumbs={[{ label: '年度报告' }]}>
      <h1>政府信息公开工作年度报告</h1>
      <p>选择机关和年度，查看由本平台记录自动计算的年度报告（国办公开办函〔2021〕30号格式）。</p>
      <ErrorSummary errors={errors} />
      <form method="get" action={REPORTS_PATH}>
        <SelectField name="agency" label="机关" options={agencies.map((a) => ({ value: a.id, label: a.name }))} error={fieldErrorFor(errors, 'agency')} />
        <TextField name="year" label="年度" value={year} inputMode="numeric" width="short" maxLength={4} error={fieldErrorFor(errors, 'year')} />
        <CheckboxField name="subtree" label="汇总下级机关（政府年度报告）" value="1" />
        <Button kind="primary">查看报告</Button>
      </form>
      <p>
        <a href={`${REPORTS_PATH}/board`}>年度报告发布情况（公开办）</a>
      </p>
    </ConsoleLayout>
  );
}

export interface EditorValues {
  overview: string;
  problems: string;
  assessment: string;
  otherMatters: string;
  explanations: Record<string, string>;
  licensing: string;
  penalty: string;
  enforcement: string;
  feesWanYuan: string;
}

export function valuesOf(view: ReportView): EditorValues {
  const o = view.outside;
  const s = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
  return { ...view.draft, licensing: s(o?.licensing), penalty: s(o?.penalty), enforcement: s(o?.enforcement), feesWanYuan: s(o?.feesWanYuan) };
}

function ViolationList({ violations, explanations, editable, errors }: { violations: Violation[]; explanations: Record<string, string>; editable: boolean; errors: FieldError[] }) {
  if (!violations.length) return <p>校验（V1—V6）：未发现问题。</p>;
  return (
    <fieldset>
      <legend>校验问题（{violations.length} 处）：修正数据，或逐条说明原因后方可发布</legend>
      <ol>
        {violations.map((v) => {
          const key = violationKey(v);
          return (
            <li key={key}>
              <p>
                <a href={`#cell-${v.cell.replace(/\./g, '-')}`}>
                  {v.rule}：{v.message}
                </a>
              </p>
              {editable ? <TextArea name={`explain:${key}`} label={`对“${v.rule}”问题的说明`} value={explanations[key] ?? ''} rows={2} maxLength={2000} error={fieldErrorFor(errors, `explain:${key}`)} /> : <p>说明：{explanations[key] || '（无）'}</p>}
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}

export function ReportEditorPage(p: { ctx: PageContext; view: ReportView; values: EditorValues; errors: FieldError[]; charts: ReportChart[]; mayEdit: boolean; mayPublish: boolean; subtree: boolean }) {
  const { view, values, errors, ctx } = p;
  const r = view.report;
  const published = view.draft.state === 'published';
  const base = reportHref(r.agency.id, r.year);
  const notes = new Map<string, Violation[]>();
  for (const v of r.violations) notes.set(v.cell, [...(notes.get(v.cell) ?? []), v]);
  const editable = p.mayEdit && !published;
  const q = p.subtree ? '?subtree=1' : '';
  return (
    <ConsoleLayout ctx={ctx} title={reportTitle(r.agency.name, r.year)} crumbs={[{ label: '年度报告', href: REPORTS_PATH }, { label: `${r.agency.name} ${r.year} 年` }]}>
      <h1>{reportTitle(r.agency.name, r.year)}</h1>
      <p>
        {published ? <StatusTag label="已发布" tone="success" /> : <StatusTag label="草稿" tone="pending" />} {r.subtree ? '（汇总本机关及下级机关）' : ''}
      </p>
      <ErrorSummary errors={errors} />
      {r.notices.map((n) => (
        <Banner kind="warning" title="请注意" key={n}>
          <p>{n}</p>
        </Banner>
      ))}
      <p>
        导出：
        {(['docx', 'xlsx', 'pdf', 'json', 'html'] as const).map((f) => (
          <>
            {' '}
            <a href={`${base}/export.${f}${q}`} key={f}>
              {f.toUpperCase()}
            </a>
          </>
        ))}
      </p>

      <form method="post" action={`${base}/text${q}`}>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(view.draft.version)} />
        <input type="hidden" name="subtree" value={p.subtree ? '1' : ''} />
        <ViolationList violations={r.violations} explanations={values.explanations} editable={editable} errors={errors} />
        {editable ? (
          <>
            <TextArea name="overview" label={SECTION_TITLES.overview} hint="主动公开、依申请公开、政府信息管理、平台建设、监督保障" value={values.overview} rows={6} maxLength={20000} error={fieldErrorFor(errors, 'overview')} />
            <TextArea name="problems" label={SECTION_TITLES.problems} value={values.problems} rows={4} maxLength={20000} error={fieldErrorFor(errors, 'problems')} />
            {view.isGovernment && <TextArea name="assessment" label={GOVERNMENT_EXTRA_TITLE} hint="条例 第五十条第（四）项：各级人民政府的报告须包括" value={values.assessment} rows={3} maxLength={20000} error={fieldErrorFor(errors, 'assessment')} />}
            <TextArea name="otherMatters" label={SECTION_TITLES.other} hint="信息处理费和重点领域数字由系统计算，此处填写其他事项" value={values.otherMatters} rows={3} maxLength={20000} error={fieldErrorFor(errors, 'otherMatters')} />
            <Button kind="secondary">保存正文和说明</Button>
          </>
        ) : null}
      </form>

      <ReportBody r={r} draft={values} isGovernment={view.isGovernment} notes={notes} />

      <section>
        <h2>图表</h2>
        {p.charts.map((c) => (
          <figure key={c.title}>
            {/* our own SVG from platform/charts (echarts escapes every text it writes) */}
            <div dangerouslySetInnerHTML={{ __html: c.svg }} />
            <figcaption>
              {c.title}：{c.text}
            </figcaption>
          </figure>
        ))}
      </section>

      {editable && (
        <>
          <form method="post" action={`${base}/figures${q}`}>
            <CsrfField token={ctx.csrfToken} />
            <fieldset>
              <legend>来自其他系统的数字（本机关 {r.year} 年）</legend>
              <TextField name="licensing" label="行政许可（本年处理决定数量）" value={values.licensing} inputMode="numeric" width="short" error={fieldErrorFor(errors, 'licensing')} />
              <TextField name="penalty" label="行政处罚（本年处理决定数量）" value={values.penalty} inputMode="numeric" width="short" error={fieldErrorFor(errors, 'penalty')} />
              <TextField name="enforcement" label="行政强制（本年处理决定数量）" value={values.enforcement} inputMode="numeric" width="short" error={fieldErrorFor(errors, 'enforcement')} />
              <TextField name="feesWanYuan" label="行政事业性收费（万元）" value={values.feesWanYuan} inputMode="decimal" width="short" error={fieldErrorFor(errors, 'feesWanYuan')} />
              <Button kind="secondary">保存数字</Button>
            </fieldset>
          </form>
          <form method="post" action={`${REPORTS_PATH}/import`} encType="multipart/form-data">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="back" value={`${base}${q}`} />
            <fieldset>
              <legend>从 XLSX 或 CSV 导入（列：机关代码、年度、行政许可、行政处罚、行政强制、行政事业性收费（万元））</legend>
              <label for="field-file">文件</label>
              <input type="file" id="field-file" name="file" accept=".xlsx,.csv" />
              {fieldErrorFor(errors, 'file') && <p class="field-error">{errors.filter((e) => e.field === 'file').map((e) => e.message).join('；')}</p>}
              <Button kind="secondary">导入</Button>
            </fieldset>
          </form>
        </>
      )}

      {p.mayPublish && !published && (
        <form method="post" action={`${base}/publish${q}`}>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="version" value={String(view.draft.version)} />
          <p>发布后，报告作为一条政府信息出现在本机关“政府信息公开年报”栏目中，不能再修改（条例 第四十九条）。</p>
          <Button kind="primary">发布年度报告</Button>
        </form>
      )}
    </ConsoleLayout>
  );
}

const STATUS: Record<BoardRow['status'], { label: string; tone: 'success' | 'danger' | 'pending' | 'warning' }> = {
  on_time: { label: '按时发布', tone: 'success' },
  late: { label: '逾期发布', tone: 'warning' },
  draft: { label: '草稿未发布', tone: 'pending' },
  missing: { label: '未编制', tone: 'danger' },
};

export function ReportBoardPage({ ctx, rootName, year, rows, roots, rootId }: { ctx: PageContext; rootName: string; year: number; rows: BoardRow[]; roots: { id: string; name: string }[]; rootId: string }) {
  return (
    <ConsoleLayout ctx={ctx} title="年度报告发布情况" crumbs={[{ label: '年度报告', href: REPORTS_PATH }, { label: '发布情况' }]}>
      <h1>
        {rootName} {year} 年度报告发布情况
      </h1>
      <p>条例 第四十九条：政府部门每年 1 月 31 日前、本级人民政府每年 3 月 31 日前公布上一年度报告。</p>
      <form method="get" action={`${REPORTS_PATH}/board`}>
        <SelectField name="agency" label="机关" options={roots.map((a) => ({ value: a.id, label: a.name }))} value={rootId} />
        <TextField name="year" label="年度" value={String(year)} inputMode="numeric" width="short" maxLength={4} />
        <Button kind="secondary">查看</Button>
      </form>
      <DataTable
        caption={`${year} 年度报告：${rows.filter((r) => r.status === 'on_time').length} 个机关按时发布，共 ${rows.length} 个`}
        rows={rows}
        rowKey={(r: BoardRow) => r.agencyId}
        columns={[
          { header: '机关', cell: (r: BoardRow) => <a href={reportHref(r.agencyId, year)}>{`${'— '.repeat(Math.max(0, r.depth))}${r.name}`}</a> },
          { header: '发布期限', cell: (r: BoardRow) => r.deadline },
          { header: '发布日期', cell: (r: BoardRow) => r.publishedOn ?? '—' },
          { header: '状态', cell: (r: BoardRow) => <StatusTag label={STATUS[r.status].label} tone={STATUS[r.status].tone} /> },
        ]}
      />
    </ConsoleLayout>
  );
}
