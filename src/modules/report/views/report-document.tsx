// The report as an accessible HTML document: real <table>s with <caption> and <th scope>. The same markup is the
// published item's body (the portal page), the HTML export, and, annotated with violations, the console editor.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import {
  ACTIVE_ROW_LABELS,
  ACTIVE_TABLES,
  GOVERNMENT_EXTRA_TITLE,
  REQUEST_COLUMNS,
  REQUEST_HEADER,
  REQUEST_ROW_LABELS,
  REQUEST_ROW_ORDER,
  REVIEW_GROUPS,
  REVIEW_RESULT_LABELS,
  REVIEW_SUBGROUPS,
  SECTION_TITLES,
  requestCell,
  reviewCell,
  type Violation,
} from '../report.format.ts';
import type { AnnualReport, ReportDraft } from '../report.service.ts';

export const reportTitle = (agencyName: string, year: number): string => `${agencyName} ${year} 年政府信息公开工作年度报告`;

/** 六's computed sentence: the 信息处理费 collected (国办函〔2020〕109号). */
export function feeSentence(r: Pick<AnnualReport, 'year' | 'feeCollectedYuan'>): string {
  return `${r.year}年共收取政府信息公开信息处理费 ${r.feeCollectedYuan.toFixed(2)} 元。`;
}

const fmtNumber = (n: number | null): string => (n === null ? '—' : String(n));
const fmtWan = (n: number | null): string => (n === null ? '—' : n.toFixed(4).replace(/\.?0+$/, '') || '0');

export type CellNotes = ReadonlyMap<string, readonly Violation[]>;

function Cell({ cell, value, notes }: { cell: string; value: string; notes?: CellNotes | undefined }) {
  const here = notes?.get(cell) ?? [];
  if (!here.length) return <td>{value}</td>;
  return (
    <td class="report-cell--violation" id={`cell-${cell.replace(/\./g, '-')}`}>
      {value}
      {here.map((v) => (
        <span class="report-violation" key={v.rule}>
          <strong>{v.rule}</strong> {v.message}
        </span>
      ))}
    </td>
  );
}

function Paragraphs({ text }: { text: string }) {
  const paras = text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  return <>{paras.length ? paras.map((p, i) => <p key={i}>{p}</p>) : <p>（未填写）</p>}</>;
}

export function ActiveTables({ r, notes }: { r: AnnualReport; notes?: CellNotes }) {
  const a = r.tables.active;
  const simple = (caption: string, head: readonly string[], rows: [string, string, string][]) => (
    <table class="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, cell, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <Cell cell={cell} value={value} notes={notes} />
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <table class="report-table">
        <caption>{ACTIVE_TABLES.t1.caption}</caption>
        <thead>
          <tr>
            {ACTIVE_TABLES.t1.head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['rules', 'normative'] as const).map((g) => (
            <tr key={g}>
              <th scope="row">{ACTIVE_ROW_LABELS[g]}</th>
              <Cell cell={`active.${g}.issued`} value={String(a[g].issued)} notes={notes} />
              <Cell cell={`active.${g}.repealed`} value={String(a[g].repealed)} notes={notes} />
              <Cell cell={`active.${g}.inForce`} value={String(a[g].inForce)} notes={notes} />
            </tr>
          ))}
        </tbody>
      </table>
      {simple(ACTIVE_TABLES.t5.caption, ACTIVE_TABLES.t5.head, [[ACTIVE_ROW_LABELS.licensing, 'active.licensing', fmtNumber(a.licensing)]])}
      {simple(ACTIVE_TABLES.t6.caption, ACTIVE_TABLES.t6.head, [
        [ACTIVE_ROW_LABELS.penalty, 'active.penalty', fmtNumber(a.penalty)],
        [ACTIVE_ROW_LABELS.enforcement, 'active.enforcement', fmtNumber(a.enforcement)],
      ])}
      {simple(ACTIVE_TABLES.t8.caption, ACTIVE_TABLES.t8.head, [[ACTIVE_ROW_LABELS.fees, 'active.feesWanYuan', fmtWan(a.feesWanYuan)]])}
    </>
  );
}

export function RequestsTable({ r, notes }: { r: AnnualReport; notes?: CellNotes }) {
  const rows = r.tables.requests.rows;
  return (
    <table class="report-table report-table--requests">
      <caption>{SECTION_TITLES.requests}</caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2} colSpan={2}>
            （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
          </th>
          <th scope="colgroup" colSpan={7}>
            {REQUEST_HEADER.corner}
          </th>
        </tr>
        <tr>
          <th scope="col">{REQUEST_HEADER.naturalPerson}</th>
          {REQUEST_COLUMNS.slice(1, 6).map((c) => (
            <th scope="col" key={c}>
              {REQUEST_HEADER.organizations}：{c}
            </th>
          ))}
          <th scope="col">{REQUEST_HEADER.total}</th>
        </tr>
      </thead>
      <tbody>
        {REQUEST_ROW_ORDER.map((k) =>
          k === 'results' ? (
            <tr key={k}>
              <th scope="rowgroup" colSpan={9}>
                {REQUEST_ROW_LABELS.results}
              </th>
            </tr>
          ) : (
            <tr key={k}>
              <th scope="row" colSpan={2}>
                {REQUEST_ROW_LABELS[k]}
              </th>
              {rows[k].map((n, c) => (
                <Cell key={c} cell={requestCell(k, c)} value={String(n)} notes={notes} />
              ))}
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

export function ReviewTable({ r, notes }: { r: AnnualReport; notes?: CellNotes }) {
  return (
    <table class="report-table report-table--review">
      <caption>{SECTION_TITLES.review}</caption>
      <thead>
        <tr>
          <th scope="colgroup" colSpan={5} rowSpan={2}>
            {REVIEW_GROUPS[0]}
          </th>
          <th scope="colgroup" colSpan={10}>
            {REVIEW_GROUPS[1]}
          </th>
        </tr>
        <tr>
          {REVIEW_SUBGROUPS.map((s) => (
            <th scope="colgroup" colSpan={5} key={s}>
              {s}
            </th>
          ))}
        </tr>
        <tr>
          {[0, 1, 2].flatMap((g) =>
            REVIEW_RESULT_LABELS.map((l) => (
              <th scope="col" key={`${g}-${l}`}>
                {l}
              </th>
            )),
          )}
        </tr>
      </thead>
      <tbody>
        <tr>
          {r.tables.review.map((n, c) => (
            <Cell key={c} cell={reviewCell(c)} value={String(n)} notes={notes} />
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="report-section">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function KeyAreasTable({ r }: { r: AnnualReport }) {
  if (!r.keyAreas.length) return <p>本年度没有设置重点领域栏目。</p>;
  return (
    <table class="report-table">
      <caption>重点领域信息公开情况（本年发布条数）</caption>
      <thead>
        <tr>
          <th scope="col">重点领域栏目</th>
          <th scope="col">本年发布</th>
        </tr>
      </thead>
      <tbody>
        {r.keyAreas.map((k) => (
          <tr key={k.node}>
            <th scope="row">{k.node}</th>
            <td>{k.published}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The six sections. `notes` puts each violation beside its cell (console editor). */
export function ReportBody({ r, draft, isGovernment, notes }: { r: AnnualReport; draft: Pick<ReportDraft, 'overview' | 'problems' | 'assessment' | 'otherMatters'>; isGovernment: boolean; notes?: CellNotes }) {
  return (
    <div class="annual-report">
      <Section title={SECTION_TITLES.overview}>
        <Paragraphs text={draft.overview} />
      </Section>
      <Section title={SECTION_TITLES.active}>
        <ActiveTables r={r} {...(notes ? { notes } : {})} />
      </Section>
      <Section title={SECTION_TITLES.requests}>
        <RequestsTable r={r} {...(notes ? { notes } : {})} />
      </Section>
      <Section title={SECTION_TITLES.review}>
        <ReviewTable r={r} {...(notes ? { notes } : {})} />
      </Section>
      <Section title={SECTION_TITLES.problems}>
        <Paragraphs text={draft.problems} />
        {isGovernment && (
          <>
            <h3>{GOVERNMENT_EXTRA_TITLE}</h3>
            <Paragraphs text={draft.assessment} />
          </>
        )}
      </Section>
      <Section title={SECTION_TITLES.other}>
        <p>{feeSentence(r)}</p>
        <h3>重点领域信息公开情况</h3>
        <KeyAreasTable r={r} />
        <Paragraphs text={draft.otherMatters} />
      </Section>
    </div>
  );
}

/** The published item's body (sanitized again by the items service; only allow-listed tags are used). */
export function renderReportBodyHtml(r: AnnualReport, draft: Pick<ReportDraft, 'overview' | 'problems' | 'assessment' | 'otherMatters'>, isGovernment: boolean): string {
  return renderToString(<ReportBody r={r} draft={draft} isGovernment={isGovernment} />);
}

/** A standalone HTML document (the `--format html` export). */
export function renderReportDocument(r: AnnualReport, draft: Pick<ReportDraft, 'overview' | 'problems' | 'assessment' | 'otherMatters'>, isGovernment: boolean, chartsSvg = ''): string {
  const title = reportTitle(r.agency.name, r.year);
  const style = 'body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:1200px;margin:2rem auto;padding:0 1rem;line-height:1.75;color:#1A1A1A}h1{font-family:"Noto Serif CJK SC","SimSun",serif;text-align:center}table{border-collapse:collapse;margin:1rem 0;width:100%}caption{font-weight:bold;text-align:left}th,td{border:1px solid #595959;padding:.25rem .5rem}td{text-align:right}';
  const body = renderToString(<ReportBody r={r} draft={draft} isGovernment={isGovernment} />);
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${style}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}${chartsSvg}</main></body></html>\n`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
