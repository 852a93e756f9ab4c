// /console/items: the items within the actor's scope, filterable by agency, state and genre, with status tags and
// the 条例 第二十六条 deadline chip on open 主动公开 revisions.

import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { DataTable, ErrorSummary, Pagination } from '../../../platform/views/components.tsx';
import type { FieldError } from '../../../platform/http/errors.ts';
import type { ConsoleItemRow } from '../items.repository.ts';
import type { DueBoardRow } from '../items.service.ts';
import { GENRES, genreName, isGenreId } from '../taxonomy.ts';
import { ItemDeadlineChip, itemHref, ITEMS_PATH, ItemTags, type AgencyChoice } from './items-shared.tsx';

export const STATE_FILTERS = [
  { id: 'draft', name: '草稿' },
  { id: 'submitted', name: '待审核' },
  { id: 'published', name: '已发布' },
  { id: 'withdrawn', name: '已撤回' },
  { id: 'unpublished', name: '已撤销发布' },
  { id: 'revoked', name: '失效或废止' },
] as const;

export interface ItemListFilters {
  agencyId: string;
  state: string;
  genre: string;
  q: string;
}

export interface ItemListPageProps {
  ctx: PageContext;
  filters: ItemListFilters;
  agencies: readonly AgencyChoice[];
  rows: readonly ConsoleItemRow[];
  total: number;
  page: number;
  pageSize: number;
  /** deadline rows by revision id */
  deadlines: ReadonlyMap<string, DueBoardRow>;
  mayDraft: boolean;
  errors: readonly FieldError[];
}

export function listHref(f: ItemListFilters, page = 1): string {
  const q = new URLSearchParams();
  if (f.agencyId) q.set('agency', f.agencyId);
  if (f.state) q.set('state', f.state);
  if (f.genre) q.set('genre', f.genre);
  if (f.q) q.set('q', f.q);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `${ITEMS_PATH}?${s}` : ITEMS_PATH;
}

export function ItemListPage(p: ItemListPageProps) {
  const pageCount = Math.max(1, Math.ceil(p.total / p.pageSize));
  return (
    <ConsoleLayout ctx={p.ctx} title="政府信息" crumbs={[{ label: '政府信息' }]}>
      <h1>政府信息</h1>
      <ErrorSummary errors={p.errors} title="筛选条件有误" />
      <p class="actions">
        {p.mayDraft && (
          <a class="button" href={`${ITEMS_PATH}/new`}>
            新建政府信息
          </a>
        )}{' '}
        <a href={`${ITEMS_PATH}/board`}>20 个工作日公开时限看板</a> · <a href={`${ITEMS_PATH}/interpretations`}>缺少解读的政策</a>
      </p>
      <form method="get" action={ITEMS_PATH} class="filters" role="search" aria-label="筛选政府信息">
        <div class="field">
          <label for="field-agencyId">机关</label>
          <select id="field-agencyId" name="agency" class="input">
            <option value="">全部</option>
            {p.agencies.map((a) => (
              <option key={a.id} value={a.id} selected={a.id === p.filters.agencyId}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-state">状态</label>
          <select id="field-state" name="state" class="input">
            <option value="">全部</option>
            {STATE_FILTERS.map((s) => (
              <option key={s.id} value={s.id} selected={s.id === p.filters.state}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-genre">体裁</label>
          <select id="field-genre" name="genre" class="input">
            <option value="">全部</option>
            {GENRES.map((g) => (
              <option key={g.id} value={g.id} selected={g.id === p.filters.genre}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-q">标题或文号</label>
          <input id="field-q" name="q" type="search" class="input" value={p.filters.q} maxLength={100} />
        </div>
        <button type="submit" class="button button--secondary">
          筛选
        </button>
      </form>
      <p>共 {p.total} 条</p>
      <DataTable
        caption="政府信息列表"
        captionHidden
        rows={p.rows}
        rowKey={(r) => r.itemId}
        empty="没有符合条件的政府信息。"
        columns={[
          {
            header: '标题',
            cell: (r) => (
              <>
                <a href={itemHref(r.itemId)}>{r.title}</a>
                {r.documentNumber && <div class="secondary">{r.documentNumber}</div>}
              </>
            ),
          },
          { header: '机关', cell: (r) => r.agencyName },
          { header: '体裁', cell: (r) => (isGenreId(r.genre) ? genreName(r.genre) : r.genre) },
          { header: '成文日期', cell: (r) => r.writtenDate },
          {
            header: '状态',
            cell: (r) => <ItemTags revisionState={r.revisionState === 'draft' || r.revisionState === 'submitted' ? r.revisionState : null} status={r.status} validity={r.validity} />,
          },
          {
            header: '公开时限',
            cell: (r) => {
              const d = p.deadlines.get(r.revisionId);
              return d ? <ItemDeadlineChip row={d} /> : r.publishedDate ? `${r.publishedDate} 发布` : '';
            },
          },
        ]}
      />
      <Pagination page={p.page} pageCount={pageCount} hrefFor={(n) => listHref(p.filters, n)} />
    </ConsoleLayout>
  );
}
