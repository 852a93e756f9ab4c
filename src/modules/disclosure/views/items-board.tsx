// Two per-agency supervision pages: the 20-working-day board (条例 第二十六条) and the policies that still lack an
// interpretation (渝府办发〔2018〕76号（三）: 谁起草、谁解读).

import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { DataTable, StatusTag } from '../../../platform/views/components.tsx';
import { REVISION_STATE_NAMES } from '../disclosure.workflow.ts';
import type { PolicyWithoutInterpretationRow } from '../items.repository.ts';
import type { DueBoard, DueBoardRow } from '../items.service.ts';
import { genreName, isGenreId } from '../taxonomy.ts';
import { AgencyPicker, ItemDeadlineChip, itemHref, ITEMS_PATH, type AgencyChoice } from './items-shared.tsx';

function boardTable(caption: string, rows: readonly DueBoardRow[], empty: string) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.revisionId}
      empty={empty}
      columns={[
        { header: '标题', cell: (r) => <a href={itemHref(r.itemId)}>{r.title}</a> },
        { header: '稿件', cell: (r) => <StatusTag label={REVISION_STATE_NAMES[r.state]} tone={r.state === 'submitted' ? 'pending' : 'neutral'} /> },
        { header: '形成或变更之日', cell: (r) => (r.revisionNo > 1 ? `${r.formedDate}（修订）` : r.formedDate) },
        { header: '公开期限', cell: (r) => r.dueDate },
        { header: '剩余时间', cell: (r) => <ItemDeadlineChip row={r} /> },
      ]}
    />
  );
}

export function DueBoardPage({ ctx, board, agencies }: { ctx: PageContext; board: DueBoard; agencies: readonly AgencyChoice[] }) {
  const overdue = board.rows.filter((r) => r.status === 'overdue');
  const soon = board.rows.filter((r) => r.status === 'due_soon');
  const onTrack = board.rows.filter((r) => r.status === 'on_track');
  return (
    <ConsoleLayout ctx={ctx} title="公开时限看板" crumbs={[{ label: '政府信息', href: ITEMS_PATH }, { label: '公开时限看板' }]}>
      <h1>公开时限看板 · {board.agency.name}</h1>
      <p class="lead">
        属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起 20 个工作日内及时公开（《政府信息公开条例》第二十六条）。今天是 {board.today}。
      </p>
      <AgencyPicker action={`${ITEMS_PATH}/board`} agencies={agencies} current={board.agency.id} />
      <ul class="summary-counts">
        <li>已超期 {board.counts.overdue} 件</li>
        <li>即将到期 {board.counts.due_soon} 件</li>
        <li>时限内 {board.counts.on_track} 件</li>
      </ul>
      <h2>已超期</h2>
      {boardTable('已超期的稿件', overdue, '没有超期的稿件。')}
      <h2>即将到期</h2>
      {boardTable('即将到期的稿件', soon, '没有即将到期的稿件。')}
      <details>
        <summary>时限内的稿件（{onTrack.length} 件）</summary>
        {boardTable('时限内的稿件', onTrack, '没有其他未发布的稿件。')}
      </details>
    </ConsoleLayout>
  );
}

export function MissingInterpretationsPage({ ctx, agency, agencies, rows }: { ctx: PageContext; agency: AgencyChoice; agencies: readonly AgencyChoice[]; rows: readonly PolicyWithoutInterpretationRow[] }) {
  return (
    <ConsoleLayout ctx={ctx} title="缺少解读的政策" crumbs={[{ label: '政府信息', href: ITEMS_PATH }, { label: '缺少解读的政策' }]}>
      <h1>缺少解读的政策 · {agency.name}</h1>
      <p class="lead">“谁起草、谁解读”：已发布的政策文件尚无已发布的政策解读。重大政策排在前面。</p>
      <AgencyPicker action={`${ITEMS_PATH}/interpretations`} agencies={agencies} current={agency.id} />
      <DataTable
        caption="缺少解读的政策"
        captionHidden
        rows={rows}
        rowKey={(r) => r.itemId}
        empty="该机关已发布的政策都有解读。"
        columns={[
          {
            header: '标题',
            cell: (r) => (
              <>
                <a href={itemHref(r.itemId)}>{r.title}</a>
                {r.isMajorPolicy && (
                  <>
                    {' '}
                    <StatusTag label="重大政策" tone="danger" />
                  </>
                )}
              </>
            ),
          },
          { header: '发文字号', cell: (r) => r.documentNumber ?? '' },
          { header: '体裁', cell: (r) => (isGenreId(r.genre) ? genreName(r.genre) : r.genre) },
          { header: '发布日期', cell: (r) => r.publishedDate ?? '' },
          {
            header: '解读情况',
            cell: (r) =>
              r.hasDraftInterpretation ? (
                <StatusTag label="解读起草中" tone="pending" />
              ) : r.interpretationException ? (
                `先行发布：${r.interpretationException}`
              ) : (
                <a href={`${ITEMS_PATH}/new?interprets=${r.itemId}`}>起草解读</a>
              ),
          },
        ]}
      />
    </ConsoleLayout>
  );
}
