// 知识库 console pages: search, entry (read, edit, confirm review, retire), new entry, review list.
import type { FieldError } from '../../platform/http/errors.ts';
import { ConsoleLayout } from '../../platform/views/console-layout.tsx';
import { Button, CsrfField, DataTable, ErrorSummary, fieldErrorFor, Pagination, SelectField, StatusTag, TextArea, TextField } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/context.ts';
import { categoryOptions, HOTLINE_CONSOLE_PATH } from './console.http.ts';
import { KB_STATUSES, type KbEntry } from './kb.schema.ts';
import type { KbReviewList, KbSearchResult } from './kb.service.ts';
import { categoryLabel } from './taxonomy.ts';

export const KB_PATH = `${HOTLINE_CONSOLE_PATH}/kb`;
const CRUMBS = [{ label: '12345热线', href: HOTLINE_CONSOLE_PATH }, { label: '知识库', href: KB_PATH }];

export interface KbFormValues {
  categoryCode: string;
  ownerAgencyId: string;
  title: string;
  answer: string;
  keywords: string;
  legalBasis: string;
  reviewDueOn: string;
}

export const EMPTY_KB_VALUES: KbFormValues = { categoryCode: '', ownerAgencyId: '', title: '', answer: '', keywords: '', legalBasis: '', reviewDueOn: '' };

export function kbValuesOf(e: KbEntry): KbFormValues {
  return { categoryCode: e.categoryCode, ownerAgencyId: e.ownerAgencyId, title: e.title, answer: e.answer, keywords: e.keywords.join('，'), legalBasis: e.legalBasis ?? '', reviewDueOn: e.reviewDueOn };
}

function reviewTag(e: KbEntry, today: string) {
  if (e.status === 'retired') return <StatusTag label="已停用" tone="neutral" />;
  if (e.reviewDueOn < today) return <StatusTag label="审核已过期" tone="danger" />;
  return <StatusTag label="在用" tone="success" />;
}

export function KbSearchPage(p: { ctx: PageContext; result: KbSearchResult; filters: { q: string; categoryCode: string; status: string }; mayWrite: boolean; today: string; errors: FieldError[] }) {
  const { result, filters } = p;
  const pageCount = Math.max(1, Math.ceil(result.total / result.pageSize));
  const qs = (page: number) => `${KB_PATH}?${new URLSearchParams({ ...filters, page: String(page) }).toString()}`;
  return (
    <ConsoleLayout ctx={p.ctx} title="知识库" crumbs={[CRUMBS[0] as { label: string; href: string }, { label: '知识库' }]}>
      <h1>知识库</h1>
      <p>答复口径由提供单位维护（谁提供、谁维护、谁更新）。坐席可据此直接答复一般性咨询。</p>
      <p>
        {p.mayWrite && <a href={`${KB_PATH}/new`} class="button button--secondary">新建知识条目</a>} <a href={`${KB_PATH}/review`}>待审核条目</a>
      </p>
      <ErrorSummary errors={p.errors} />
      <form method="get" action={KB_PATH} class="filters" role="search" aria-label="搜索知识库">
        <TextField name="q" label="关键词" type="search" value={filters.q} maxLength={200} />
        <SelectField name="categoryCode" label="诉求分类" options={categoryOptions()} value={filters.categoryCode} placeholder="全部分类" error={fieldErrorFor(p.errors, 'categoryCode')} />
        <SelectField name="status" label="状态" options={[{ value: 'active', label: '在用' }, { value: 'retired', label: '已停用' }, { value: 'all', label: '全部' }]} value={filters.status || 'active'} />
        <Button>搜索</Button>
      </form>
      <p>
        共 {result.total} 条{result.words.length > 0 && <>（检索词：{result.words.join('、')}）</>}
      </p>
      <DataTable
        caption="知识条目"
        rows={result.rows}
        rowKey={(r) => r.id}
        empty="没有找到相关知识条目。"
        columns={[
          { header: '标题', cell: (r) => <a href={`${KB_PATH}/${r.id}`}>{r.title}</a> },
          { header: '分类', cell: (r) => categoryLabel(r.categoryCode) },
          { header: '维护单位', cell: (r) => r.ownerAgencyName },
          { header: '下次审核', cell: (r) => r.reviewDueOn },
          { header: '状态', cell: (r) => reviewTag(r, p.today) },
          { header: '引用次数', cell: (r) => r.usedCount, numeric: true },
        ]}
      />
      <Pagination page={result.page} pageCount={pageCount} hrefFor={qs} />
    </ConsoleLayout>
  );
}

function EntryFields({ values, errors, owners }: { values: KbFormValues; errors: FieldError[]; owners: { id: string; name: string }[] }) {
  return (
    <>
      <SelectField name="categoryCode" label="诉求分类" required options={categoryOptions()} value={values.categoryCode} placeholder="请选择" error={fieldErrorFor(errors, 'categoryCode')} />
      <SelectField name="ownerAgencyId" label="维护单位" required options={owners.map((o) => ({ value: o.id, label: o.name }))} value={values.ownerAgencyId} placeholder="请选择" error={fieldErrorFor(errors, 'ownerAgencyId')} />
      <TextField name="title" label="标题（常见问题）" required maxLength={200} value={values.title} error={fieldErrorFor(errors, 'title')} />
      <TextArea name="answer" label="答复口径" required rows={8} maxLength={10000} value={values.answer} error={fieldErrorFor(errors, 'answer')} hint="坐席将按此口径答复来电人，请写明办理条件、材料、地点和时限。" />
      <TextField name="keywords" label="关键词" maxLength={500} value={values.keywords} error={fieldErrorFor(errors, 'keywords')} hint="用逗号或空格分隔，如：公积金，提取" />
      <TextArea name="legalBasis" label="政策依据" rows={3} maxLength={1000} value={values.legalBasis} error={fieldErrorFor(errors, 'legalBasis')} />
      <TextField name="reviewDueOn" label="下次审核日期" type="date" value={values.reviewDueOn} error={fieldErrorFor(errors, 'reviewDueOn')} hint="留空则按默认审核周期计算。" />
    </>
  );
}

export function KbNewPage(p: { ctx: PageContext; values: KbFormValues; errors: FieldError[]; owners: { id: string; name: string }[] }) {
  return (
    <ConsoleLayout ctx={p.ctx} title="新建知识条目" crumbs={[...CRUMBS, { label: '新建' }]}>
      <h1>新建知识条目</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={KB_PATH} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <EntryFields values={p.values} errors={p.errors} owners={p.owners} />
        <Button>保存</Button>
      </form>
    </ConsoleLayout>
  );
}

export function KbEntryPage(p: { ctx: PageContext; entry: KbEntry; canWrite: boolean; today: string; values: KbFormValues; errors: FieldError[]; owners: { id: string; name: string }[]; failed?: string }) {
  const e = p.entry;
  const errs = (form: string) => (p.failed === form ? p.errors : []);
  return (
    <ConsoleLayout ctx={p.ctx} title={e.title} crumbs={[...CRUMBS, { label: e.title }]}>
      <h1>{e.title}</h1>
      <p>{reviewTag(e, p.today)}</p>
      {p.failed && <ErrorSummary errors={p.errors} />}
      <dl class="summary-list">
        <dt>诉求分类</dt>
        <dd>{categoryLabel(e.categoryCode)}</dd>
        <dt>维护单位</dt>
        <dd>{e.ownerAgencyName}</dd>
        <dt>最近审核</dt>
        <dd>{e.reviewedOn}</dd>
        <dt>下次审核</dt>
        <dd>{e.reviewDueOn}</dd>
        <dt>关键词</dt>
        <dd>{e.keywords.join('、') || '—'}</dd>
        <dt>政策依据</dt>
        <dd>{e.legalBasis ?? '—'}</dd>
        <dt>引用次数</dt>
        <dd>{e.usedCount}</dd>
        {e.status === 'retired' && (
          <>
            <dt>停用理由</dt>
            <dd>{e.retiredReason}</dd>
          </>
        )}
      </dl>
      <h2>答复口径</h2>
      <div class="prose">
        {e.answer.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      {p.canWrite && e.status === 'active' && (
        <>
          <h2>确认审核</h2>
          <form method="post" action={`${KB_PATH}/${e.id}/review`}>
            <CsrfField token={p.ctx.csrfToken} />
            <input type="hidden" name="version" value={String(e.version)} />
            <p>确认口径仍然准确，下次审核日期将顺延一个审核周期。</p>
            <Button kind="secondary">确认仍然有效</Button>
          </form>
          <h2>修改</h2>
          <form method="post" action={`${KB_PATH}/${e.id}`} novalidate>
            <CsrfField token={p.ctx.csrfToken} />
            <input type="hidden" name="version" value={String(e.version)} />
            <EntryFields values={p.values} errors={errs('edit')} owners={p.owners} />
            <Button>保存修改</Button>
          </form>
          <h2>停用</h2>
          <form method="post" action={`${KB_PATH}/${e.id}/retire`} novalidate>
            <CsrfField token={p.ctx.csrfToken} />
            <input type="hidden" name="version" value={String(e.version)} />
            <TextArea name="reason" label="停用理由" required rows={2} maxLength={500} error={fieldErrorFor(errs('retire'), 'reason')} />
            <Button kind="danger">停用</Button>
          </form>
        </>
      )}
    </ConsoleLayout>
  );
}

export function KbReviewPage(p: { ctx: PageContext; list: KbReviewList }) {
  const table = (caption: string, rows: KbEntry[], empty: string) => (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        { header: '标题', cell: (r) => <a href={`${KB_PATH}/${r.id}`}>{r.title}</a> },
        { header: '维护单位', cell: (r) => r.ownerAgencyName },
        { header: '应审核日期', cell: (r) => r.reviewDueOn },
        { header: '最近审核', cell: (r) => r.reviewedOn },
      ]}
    />
  );
  return (
    <ConsoleLayout ctx={p.ctx} title="待审核知识条目" crumbs={[...CRUMBS, { label: '待审核条目' }]}>
      <h1>待审核知识条目</h1>
      <p>今天是 {p.list.today}。过期未审核的口径可能已不准确，请维护单位尽快确认或修改。</p>
      <h2>已过审核日期（{p.list.overdue.length}）</h2>
      {table('已过审核日期的条目', p.list.overdue, '没有过期未审核的条目。')}
      <h2>即将到期（{p.list.dueSoon.length}）</h2>
      {table('即将到期的条目', p.list.dueSoon, '没有即将到期的条目。')}
    </ConsoleLayout>
  );
}

export { KB_STATUSES };
