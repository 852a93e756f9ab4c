// /console/hotline/supervision: the 三率 with their formulas written out, the charts (server-side SVG) and the same
// numbers as tables, and the monthly report downloads.
import type { FieldError } from '../../platform/http/errors.ts';
import { ConsoleLayout } from '../../platform/views/console-layout.tsx';
import { Button, DataTable, ErrorSummary, fieldErrorFor, SelectField, TextField } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/context.ts';
import { HOTLINE_CONSOLE_PATH } from './console.http.ts';
import { formatRate, type Rate } from './deadlines.ts';
import type { DashboardCharts } from './supervision.charts.ts';
import type { AgencyFigures, Dashboard } from './supervision.service.ts';

export const SUPERVISION_PATH = `${HOTLINE_CONSOLE_PATH}/supervision`;

function Chart({ svg }: { svg: string }) {
  // our own SVG (echarts escapes every text it writes; platform/charts/svg.ts), not user HTML
  return <figure class="chart" dangerouslySetInnerHTML={{ __html: svg }} />;
}

const ratio = (r: Rate) => `${formatRate(r)}（${Math.round(r.numerator * 100) / 100}/${r.denominator}）`;

export function SupervisionPage(p: { ctx: PageContext; d: Dashboard; charts: DashboardCharts; filters: { from: string; to: string; agencyId: string }; errors: FieldError[]; month: string }) {
  const { d } = p;
  return (
    <ConsoleLayout ctx={p.ctx} title="统一监管" crumbs={[{ label: '12345热线', href: HOTLINE_CONSOLE_PATH }, { label: '统一监管' }]}>
      <h1>统一监管：{d.scope.name}</h1>
      <ErrorSummary errors={p.errors} />
      <form method="get" action={SUPERVISION_PATH} class="filters" aria-label="统计条件">
        <TextField name="from" label="起始日期" type="date" value={p.filters.from || d.from} error={fieldErrorFor(p.errors, 'from')} required />
        <TextField name="to" label="截止日期" type="date" value={p.filters.to || d.to} error={fieldErrorFor(p.errors, 'to')} required />
        <SelectField name="agencyId" label="承办单位" options={d.choices.map((c) => ({ value: c.id, label: c.name }))} value={p.filters.agencyId} placeholder="全部" error={fieldErrorFor(p.errors, 'agencyId')} />
        <Button>统计</Button>
      </form>
      <p>
        统计期 {d.from} 至 {d.to}（按受理时间），共受理 <strong>{d.total}</strong> 件，当前超期 <strong>{d.overdue}</strong> 件。
      </p>
      {d.rollup && (
        <p class="field-hint">
          {d.rollup.until} 以前受理的工单按每日汇总统计，数据截至 {d.rollup.refreshedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}；此后的工单实时统计。
        </p>
      )}
      <h2>三率</h2>
      <dl class="summary-list">
        <dt>响应率</dt>
        <dd>{ratio(d.rates.response)}</dd>
        <dt>解决率</dt>
        <dd>{ratio(d.rates.resolution)}</dd>
        <dt>满意率</dt>
        <dd>{ratio(d.rates.satisfaction)}</dd>
        <dt>按时办结率</dt>
        <dd>{ratio(d.rates.onTimeClosure)}</dd>
        <dt>综合得分</dt>
        <dd>{d.rates.composite.score ?? '—'}</dd>
      </dl>
      <h3>计算公式</h3>
      <ul>
        {d.formulas.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <p class="field-hint">三率口径参照北京市接诉即办“三率”考评，权重和“基本满意”的计入比例可在热线配置中调整。</p>
      <h2>各单位三率</h2>
      <DataTable
        caption="各承办单位三率"
        rows={d.agencies}
        rowKey={(a: AgencyFigures) => a.agencyId}
        empty="统计期内没有派单的工单。"
        columns={[
          { header: '承办单位', cell: (a) => <a href={`${SUPERVISION_PATH}?${new URLSearchParams({ from: d.from, to: d.to, agencyId: a.agencyId }).toString()}`}>{a.agencyName}</a> },
          { header: '工单数', cell: (a) => a.count, numeric: true },
          { header: '超期', cell: (a) => a.overdue, numeric: true },
          { header: '响应率', cell: (a) => formatRate(a.rates.response), numeric: true },
          { header: '解决率', cell: (a) => formatRate(a.rates.resolution), numeric: true },
          { header: '满意率', cell: (a) => formatRate(a.rates.satisfaction), numeric: true },
          { header: '综合得分', cell: (a) => a.rates.composite.score ?? '—', numeric: true },
        ]}
      />
      {d.scope.agencyId && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">月度报告</h2>
          <form method="get" action={`${SUPERVISION_PATH}/report`} class="filters" aria-label="下载月度报告">
            <input type="hidden" name="agencyId" value={d.scope.agencyId} />
            <TextField name="month" label="月份（YYYY-MM）" value={p.month} width="short" required />
            <Button name="format" value="docx" kind="secondary">
              下载 Word（DOCX）
            </Button>
            <Button name="format" value="xlsx" kind="secondary">
              下载 Excel（XLSX）
            </Button>
          </form>
        </section>
      )}
      <h2>工单量</h2>
      <Chart svg={p.charts.byType} />
      <DataTable caption="各类型工单量" rows={d.byType} rowKey={(r) => r.key} columns={[{ header: '类型', cell: (r) => r.name }, { header: '工单数', cell: (r) => r.count, numeric: true }]} />
      <Chart svg={p.charts.byChannel} />
      <DataTable caption="各渠道工单量" rows={d.byChannel} rowKey={(r) => r.key} columns={[{ header: '渠道', cell: (r) => r.name }, { header: '工单数', cell: (r) => r.count, numeric: true }]} />
      <h2>热点</h2>
      <Chart svg={p.charts.topCategories} />
      <DataTable caption="诉求分类前十" rows={d.topCategories} rowKey={(r) => r.code} empty="暂无。" columns={[{ header: '分类', cell: (r) => r.name }, { header: '工单数', cell: (r) => r.count, numeric: true }]} />
      <Chart svg={p.charts.hotspots} />
      <DataTable
        caption="热点（区县 × 分类）前十"
        rows={d.hotspots}
        rowKey={(r) => `${r.districtCode}-${r.categoryCode}`}
        empty="暂无。"
        columns={[{ header: '区县', cell: (r) => r.districtName }, { header: '分类', cell: (r) => r.categoryName }, { header: '工单数', cell: (r) => r.count, numeric: true }]}
      />
      <h2>趋势</h2>
      <Chart svg={p.charts.trend} />
      <details>
        <summary>每日受理量（表格）</summary>
        <DataTable caption="每日受理量" rows={d.trend} rowKey={(r) => r.day} columns={[{ header: '日期', cell: (r) => r.day }, { header: '受理量', cell: (r) => r.count, numeric: true }]} />
      </details>
      <h2>超期</h2>
      <Chart svg={p.charts.overdue} />
      <DataTable
        caption="各单位超期工单"
        rows={d.agencies.filter((a) => a.overdue > 0)}
        rowKey={(a) => a.agencyId}
        empty="没有超期工单。"
        columns={[{ header: '承办单位', cell: (a) => a.agencyName }, { header: '超期工单', cell: (a) => a.overdue, numeric: true }]}
      />
    </ConsoleLayout>
  );
}
