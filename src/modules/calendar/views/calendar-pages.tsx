import type { CalendarDay, CalendarYear } from '../../../platform/calendar/calendar.tables.ts';
import { weekday } from '../../../platform/calendar/workdays.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { Button, CsrfField, DataTable, ErrorSummary, SelectField, StatusTag, TextField, fieldErrorFor, type SelectOption } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { CalendarWarningBanner, type CalendarWarning } from '../calendar.warning.tsx';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

const KIND_OPTIONS: SelectOption[] = [
  { value: 'holiday', label: '放假（工作日放假，如国庆节）' },
  { value: 'workday', label: '上班（周末调休上班）' },
];

const SOURCE_NAMES = { 'chinese-days': '软件包 chinese-days', admin: '管理员录入' } as const;

function dayLabel(date: string): string {
  return `${date} ${WEEKDAYS[weekday(date)] ?? ''}`;
}

function KindTag({ kind }: { kind: CalendarDay['kind'] }) {
  return kind === 'holiday' ? <StatusTag label="放假" tone="danger" /> : <StatusTag label="调休上班" tone="warning" />;
}

export interface DayFormValues {
  date?: string;
  kind?: string;
  name?: string;
}

export interface CalendarPageProps {
  ctx: PageContext;
  year: number;
  days: CalendarDay[];
  years: CalendarYear[];
  /** years to offer in the year navigation */
  yearLinks: number[];
  warning: CalendarWarning | null;
  errors?: FieldError[];
  /** which form the errors belong to */
  errorForm?: 'day' | 'year';
  dayValues?: DayFormValues;
  note?: string;
}

/** 工作日历: one year's holidays and make-up days, the forms to change them, and whether the year is entered. */
export function CalendarPage(p: CalendarPageProps) {
  const { ctx, year } = p;
  const errors = p.errors ?? [];
  const dayErrors = p.errorForm === 'day' ? errors : [];
  const yearErrors = p.errorForm === 'year' ? errors : [];
  const entered = p.years.find((y) => y.year === year);
  const holidays = p.days.filter((d) => d.kind === 'holiday').length;
  return (
    <ConsoleLayout ctx={ctx} title={`工作日历 ${year} 年`} crumbs={[{ label: '工作日历' }]}>
      <h1>工作日历 · {year} 年</h1>
      <p class="page-lead">
        办理期限按工作日计算：周一至周五为工作日，但法定节假日放假、周末调休上班以国务院办公厅每年公布的节假日安排为准。这里只列出与“周一至周五上班”不同的日期。
      </p>
      <CalendarWarningBanner warning={p.warning} canEdit={p.warning?.year !== year} />
      <ErrorSummary errors={errors} />

      <nav class="actions" aria-label="选择年份">
        {p.yearLinks.map((y) => (
          <a key={y} href={`/console/calendar?year=${y}`} aria-current={y === year ? 'page' : undefined} class={y === year ? 'button button--primary' : 'button button--secondary'}>
            {y} 年{p.years.some((r) => r.year === y) ? '' : '（未录入）'}
          </a>
        ))}
      </nav>

      <section class="panel" aria-labelledby="year-status-title">
        <h2 id="year-status-title">{year} 年节假日安排</h2>
        {entered ? (
          <dl class="summary-list">
            <dt>状态</dt>
            <dd>
              <StatusTag label="已录入" tone="success" />
            </dd>
            <dt>来源</dt>
            <dd>{SOURCE_NAMES[entered.source]}</dd>
            <dt>依据</dt>
            <dd>{entered.publishedNote ?? '—'}</dd>
          </dl>
        ) : (
          <p>
            <StatusTag label="尚未录入" tone="warning" /> 该年的期限暂按周一至周五为工作日计算。请先逐日录入放假和调休上班日，再在下方标记该年已录入。
          </p>
        )}
        <form method="post" action="/console/calendar/years" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="year" value={String(year)} />
          <TextField
            name="note"
            label={entered ? '依据文件（更正）' : `标记 ${year} 年节假日安排已录入：依据文件`}
            value={p.note ?? (entered?.source === 'admin' ? entered.publishedNote : '') ?? ''}
            error={fieldErrorFor(yearErrors, 'note') ?? fieldErrorFor(yearErrors, 'year')}
            hint="国务院办公厅关于节假日安排的通知的文号或标题，如 国办发明电〔2025〕7号。"
            required
            maxLength={200}
          />
          <Button kind="secondary">{entered ? '保存依据文件' : `标记 ${year} 年已录入`}</Button>
        </form>
      </section>

      <section class="panel" aria-labelledby="days-title">
        <h2 id="days-title">
          放假与调休上班（{holidays} 天放假，{p.days.length - holidays} 天调休上班）
        </h2>
        <DataTable
          caption={`${year} 年与周一至周五不同的日期`}
          captionHidden
          rows={p.days}
          rowKey={(d) => d.day}
          empty={`${year} 年还没有录入任何放假或调休上班日。`}
          columns={[
            { header: '日期', cell: (d) => dayLabel(d.day) },
            { header: '安排', cell: (d) => <KindTag kind={d.kind} /> },
            { header: '名称', cell: (d) => d.name },
            { header: '来源', cell: (d) => SOURCE_NAMES[d.source] },
            {
              header: '操作',
              cell: (d) => (
                <>
                  <a href={`/console/calendar/days/${d.day}`}>
                    修改<span class="visually-hidden"> {d.day}</span>
                  </a>{' '}
                  <form method="post" action={`/console/calendar/days/${d.day}/delete`} class="inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="version" value={String(d.version)} />
                    <button type="submit" class="button button--link">
                      删除<span class="visually-hidden"> {d.day}</span>
                    </button>
                  </form>
                </>
              ),
            },
          ]}
        />
      </section>

      <section class="panel" aria-labelledby="add-title">
        <h2 id="add-title">添加或修改一天</h2>
        <DayForm ctx={ctx} values={p.dayValues ?? {}} errors={dayErrors} />
      </section>
    </ConsoleLayout>
  );
}

function DayForm({ ctx, values, errors, version }: { ctx: PageContext; values: DayFormValues; errors: FieldError[]; version?: number }) {
  const editing = version !== undefined;
  return (
    <form method="post" action="/console/calendar/days" novalidate>
      <CsrfField token={ctx.csrfToken} />
      {editing ? (
        <>
          <input type="hidden" name="date" value={values.date} />
          <input type="hidden" name="version" value={String(version)} />
        </>
      ) : (
        <TextField name="date" label="日期" type="date" value={values.date} error={fieldErrorFor(errors, 'date')} hint="格式如 2025-10-01。已有安排的日期将被覆盖。" required width="medium" />
      )}
      <SelectField name="kind" label="安排" options={KIND_OPTIONS} value={values.kind} error={fieldErrorFor(errors, 'kind')} required placeholder="请选择" />
      <TextField name="name" label="名称" value={values.name} error={fieldErrorFor(errors, 'name')} hint="如 国庆节、春节调休上班。" required maxLength={30} width="medium" />
      <Button>保存</Button>
    </form>
  );
}

/** 修改一天: the day's arrangement, with its version for optimistic locking. */
export function CalendarDayPage({ ctx, day, values, errors }: { ctx: PageContext; day: CalendarDay; values?: DayFormValues; errors?: FieldError[] }) {
  const year = day.day.slice(0, 4);
  const errs = errors ?? [];
  return (
    <ConsoleLayout ctx={ctx} title={`修改 ${day.day}`} crumbs={[{ label: '工作日历', href: `/console/calendar?year=${year}` }, { label: day.day }]}>
      <h1>修改 {dayLabel(day.day)}</h1>
      <ErrorSummary errors={errs} />
      <p>
        当前安排：<KindTag kind={day.kind} /> {day.name}（{SOURCE_NAMES[day.source]}）
      </p>
      <DayForm ctx={ctx} values={values ?? { date: day.day, kind: day.kind, name: day.name }} errors={errs} version={day.version} />
      <form method="post" action={`/console/calendar/days/${day.day}/delete`} class="actions">
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(day.version)} />
        <Button kind="danger">删除该日安排（恢复按周一至周五计算）</Button>
      </form>
    </ConsoleLayout>
  );
}
