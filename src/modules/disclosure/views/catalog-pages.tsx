import type { PageContext } from '../../../platform/views/context.ts';
import { Banner, DataTable, Pagination, StatusTag, type Column } from '../../../platform/views/components.tsx';
import { PortalLayout, type Crumb } from '../../../platform/views/layout.tsx';
import { agencyHref, PORTAL_LINKS } from '../../../platform/views/navigation.ts';
import type { Agency } from '../../agencies/index.ts';
import { chineseDate, chineseDateTime } from '../catalog.format.ts';
import { absoluteUrl, agencyFeedHref, catalogChangesHref, catalogHref, catalogNodeHref, itemHref, nodeFeedHref } from '../catalog.paths.ts';
import type { ListedItem } from '../catalog.repository.ts';
import type { ChangeRow, ColumnHighlights, NodeListing } from '../catalog.service.ts';
import type { CatalogTreeNode } from '../catalog.tree.ts';
import { validityName } from '../taxonomy.ts';

const AGENCIES_LABEL = '机关信息公开';

/** Print rules (print.css) for public pages; a body-ok stylesheet link, since the layout's head is shared. */
export function PrintStylesheet({ ctx }: { ctx: PageContext }) {
  return <link rel="stylesheet" media="print" href={`/static/${ctx.assetVersion}/print.css`} />;
}

/** Links to the RSS 2.0 and Atom feeds of a page. */
export function FeedLinks({ rss, atom, label }: { rss: string; atom: string; label: string }) {
  return (
    <p class="muted feed-links">
      订阅{label}：
      <a href={rss} type="application/rss+xml">
        RSS
      </a>
      {' · '}
      <a href={atom} type="application/atom+xml">
        Atom
      </a>
    </p>
  );
}

function agencyCrumbs(agency: Agency): Crumb[] {
  return [
    { label: AGENCIES_LABEL, href: PORTAL_LINKS.agencyPage },
    { label: agency.shortName, href: agencyHref(agency.code) },
  ];
}

/** The catalog as nested lists: each column links to its page, with the count of its (and its sub-columns') items. */
export function CatalogTreeList({ agencyCode, tree, labelledBy }: { agencyCode: string; tree: readonly CatalogTreeNode[]; labelledBy?: string }) {
  if (!tree.length) return <p class="empty">该机关尚未建立主动公开目录。</p>;
  return (
    <ul class="catalog-tree" aria-labelledby={labelledBy}>
      {tree.map((t) => (
        <li key={t.node.id}>
          <a href={catalogNodeHref(agencyCode, t.node.id)}>{t.node.name}</a>
          <span class="muted">（{t.itemCount} 条）</span>
          {t.children.length > 0 && <CatalogTreeList agencyCode={agencyCode} tree={t.children} />}
        </li>
      ))}
    </ul>
  );
}

// ---------- agency page sections (addAgencyPageSection) ----------

/** 条例 第十二条: 政府信息公开指南 — 分类、编排体系、获取方式, and the 工作机构's name, address, hours, phone, fax, web. */
export function GuideSection({ baseUrl, agency, tree, guide }: { baseUrl: string; agency: Agency; tree: readonly CatalogTreeNode[]; guide: ColumnHighlights }) {
  const latest = guide.items[0];
  const requestsNode = tree.find((t) => t.node.templateKey === 'requests');
  return (
    <>
      <p>依据《中华人民共和国政府信息公开条例》第十二条，本指南说明{agency.name}政府信息的分类、编排体系和获取方式，以及政府信息公开工作机构的联系方式。</p>
      <h3>一、分类</h3>
      <p>本机关主动公开的政府信息按主动公开基本目录分为以下类别：</p>
      <ul>
        {tree.map((t) => (
          <li key={t.node.id}>
            {t.node.name}
            {t.children.length > 0 && `（${t.children.map((c) => c.node.name).join('、')}）`}
          </li>
        ))}
      </ul>
      <h3>二、编排体系</h3>
      <p>
        每条政府信息有唯一的索引号，格式为“统一社会信用代码/年份-五位顺序号”，本机关的索引号以 <code>{agency.creditCode}/</code> 开头。目录中的信息按发布日期由新到旧排列，列明索引号、名称、内容概述和生成日期；信息页面另列主题分类、发布机构、发文字号、发布日期、有效性、公开属性和体裁。
      </p>
      <h3>三、获取方式</h3>
      <ul>
        <li>
          主动公开的信息：在本网站<a href={catalogHref(agency.code)}>主动公开目录</a>中浏览、查阅和下载（条例 第二十三条、第二十四条），也可通过 <a href={agencyFeedHref(agency.code, 'rss')}>RSS</a> 或 <a href={agencyFeedHref(agency.code, 'atom')}>Atom</a> 订阅本机关的最新信息。
        </li>
        <li>
          主动公开以外的信息：可以向本机关申请公开（条例 第二十七条），方式见{requestsNode ? <a href={catalogNodeHref(agency.code, requestsNode.node.id)}>依申请公开</a> : '下文“依申请公开”'}。
        </li>
      </ul>
      <h3>四、政府信息公开工作机构</h3>
      <dl class="summary-list">
        <dt>名称</dt>
        <dd>{agency.officeName}</dd>
        <dt>办公地址</dt>
        <dd>{agency.officeAddress}</dd>
        <dt>办公时间</dt>
        <dd>{agency.officeHours}</dd>
        <dt>联系电话</dt>
        <dd>{agency.officePhone}</dd>
        <dt>传真号码</dt>
        <dd>{agency.officeFax ?? '无'}</dd>
        <dt>互联网联系方式</dt>
        <dd>
          <a href={agencyHref(agency.code)}>{absoluteUrl(baseUrl, agencyHref(agency.code))}</a>
          {agency.officeEmail && (
            <>
              ；电子邮箱 <a href={`mailto:${agency.officeEmail}`}>{agency.officeEmail}</a>
            </>
          )}
        </dd>
      </dl>
      {latest && (
        <p>
          本机关发布的指南全文：<a href={itemHref(latest.indexNumber)}>{latest.title}</a>（{chineseDate(latest.publishedDate)}发布）
        </p>
      )}
    </>
  );
}

/** 主动公开目录: the tree with counts, the adjustment history and the feeds. */
export function CatalogSection({ agency, tree }: { agency: Agency; tree: readonly CatalogTreeNode[] }) {
  return (
    <>
      <CatalogTreeList agencyCode={agency.code} tree={tree} />
      <p>
        <a href={catalogHref(agency.code)}>查看完整目录</a>　<a href={catalogChangesHref(agency.code)}>目录动态调整记录</a>
      </p>
      <FeedLinks rss={agencyFeedHref(agency.code, 'rss')} atom={agencyFeedHref(agency.code, 'atom')} label="本机关最新信息" />
    </>
  );
}

/** 条例 第四十九条、第五十条: the newest annual report and every year's. */
export function AnnualReportSection({ agency, reports }: { agency: Agency; reports: ColumnHighlights }) {
  const latest = reports.items[0];
  return (
    <>
      {latest ? (
        <p>
          最新一期：<a href={itemHref(latest.indexNumber)}>{latest.title}</a>（{chineseDate(latest.publishedDate)}发布）
        </p>
      ) : (
        <p>本机关尚未在本网站发布政府信息公开工作年度报告。</p>
      )}
      <p class="muted">依据条例第四十九条，每年 1 月 31 日前公布本机关上一年度的政府信息公开工作年度报告。</p>
      {reports.node && (
        <p>
          <a href={catalogNodeHref(agency.code, reports.node.id)}>历年年度报告（{reports.total} 篇）</a>
        </p>
      )}
    </>
  );
}

/**
 * 依申请公开: how to apply (条例 第二十七条、第二十九条): the online form of the requests module with this agency chosen,
 * the status query, and the written channels the 条例 itself allows.
 */
export function RequestsInfo({ agency }: { agency: Agency }) {
  return (
    <>
      <p>公民、法人或者其他组织可以向本机关申请获取主动公开以外的政府信息（条例 第二十七条）。</p>
      <p>
        申请应当以书面形式（包括信件、数据电文）向本机关政府信息公开工作机构提出，写明：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；获取信息的方式、途径。书写确有困难的，可以口头提出，由工作机构代为填写申请（条例 第二十九条）。
      </p>
      <p>
        <a href={`/requests/new?agency=${agency.id}`}>在线申请</a>（提交后获得申请编号和查询码，可<a href="/requests/status">查询办理进度</a>），也可以通过信函、传真或当面提交申请：
      </p>
      <dl class="summary-list">
        <dt>受理机构</dt>
        <dd>{agency.officeName}</dd>
        <dt>地址</dt>
        <dd>{agency.officeAddress}</dd>
        <dt>办公时间</dt>
        <dd>{agency.officeHours}</dd>
        <dt>电话</dt>
        <dd>{agency.officePhone}</dd>
        <dt>传真</dt>
        <dd>{agency.officeFax ?? '无'}</dd>
        {agency.officeEmail && (
          <>
            <dt>电子邮箱</dt>
            <dd>{agency.officeEmail}</dd>
          </>
        )}
      </dl>
    </>
  );
}

export function RequestsSection({ agency, node }: { agency: Agency; node: ColumnHighlights['node'] }) {
  return (
    <>
      <RequestsInfo agency={agency} />
      {node && (
        <p>
          <a href={catalogNodeHref(agency.code, node.id)}>进入“{node.name}”栏目</a>
        </p>
      )}
    </>
  );
}

// ---------- pages ----------

/** /agencies/<code>/catalog: the whole catalog with counts. */
export function CatalogPage({ ctx, agency, tree }: { ctx: PageContext; agency: Agency; tree: readonly CatalogTreeNode[] }) {
  const title = `${agency.name}主动公开基本目录`;
  return (
    <PortalLayout ctx={ctx} title={title} columnName="主动公开目录" columnType="信息公开" description={title} crumbs={[...agencyCrumbs(agency), { label: '主动公开目录' }]}>
      <PrintStylesheet ctx={ctx} />
      <h1>{title}</h1>
      <p class="page-lead">按类别列出本机关主动公开的政府信息（条例 第十二条），括号内为该栏目及其下级栏目中的信息条数。</p>
      <CatalogTreeList agencyCode={agency.code} tree={tree} />
      <p>
        <a href={catalogChangesHref(agency.code)}>目录动态调整记录</a>
      </p>
      <FeedLinks rss={agencyFeedHref(agency.code, 'rss')} atom={agencyFeedHref(agency.code, 'atom')} label="本机关最新信息" />
    </PortalLayout>
  );
}

function ItemTitleCell({ row }: { row: ListedItem }) {
  return (
    <>
      <a href={itemHref(row.indexNumber)}>{row.title}</a>
      {row.documentNumber && <span class="muted">　{row.documentNumber}</span>}
      {row.status === 'withdrawn' && (
        <>
          {' '}
          <StatusTag label="已撤回" tone="neutral" />
        </>
      )}
      {row.validity !== 'valid' && (
        <>
          {' '}
          <StatusTag label={`已${validityName(row.validity)}`} tone="danger" />
        </>
      )}
      {row.summary && <span class="muted item-summary">{row.summary}</span>}
    </>
  );
}

const ITEM_COLUMNS: Column<ListedItem>[] = [
  { header: '索引号', cell: (r) => <code>{r.indexNumber}</code> },
  { header: '名称', cell: (r) => <ItemTitleCell row={r} /> },
  { header: '生成日期', cell: (r) => chineseDate(r.writtenDate) },
  { header: '发布日期', cell: (r) => chineseDate(r.publishedDate) },
];

/** /agencies/<code>/catalog/<nodeId>: a column's items, 20 a page, newest first. */
export function CatalogNodePage({ ctx, listing }: { ctx: PageContext; listing: NodeListing }) {
  const { agency, node } = listing;
  const crumbs: Crumb[] = [
    ...agencyCrumbs(agency),
    { label: '主动公开目录', href: catalogHref(agency.code) },
    ...listing.ancestors.map((a) => ({ label: a.name, href: catalogNodeHref(agency.code, a.id) })),
    { label: node.name },
  ];
  const pageNote = listing.pageCount > 1 ? `（第 ${listing.page} / ${listing.pageCount} 页）` : '';
  return (
    <PortalLayout ctx={ctx} title={`${node.name}${pageNote} - ${agency.shortName}`} columnName={node.name} columnType="信息公开" description={`${agency.name}主动公开目录：${node.name}`} crumbs={crumbs}>
      <PrintStylesheet ctx={ctx} />
      <h1>{node.name}</h1>
      <p class="page-lead">
        <a href={agencyHref(agency.code)}>{agency.name}</a> · 共 {listing.total} 条{pageNote}
      </p>
      {listing.isRetired && (
        <Banner kind="warning" title="该栏目已停用">
          <p>该栏目已不在本机关的主动公开目录中，其中已发布的信息仍可访问。调整情况见<a href={catalogChangesHref(agency.code)}>目录动态调整记录</a>。</p>
        </Banner>
      )}
      {listing.isEntry && <RequestsInfo agency={agency} />}
      {listing.children.length > 0 && (
        <nav aria-labelledby="sub-columns">
          <h2 id="sub-columns">下级栏目</h2>
          <CatalogTreeList agencyCode={agency.code} tree={listing.children} />
        </nav>
      )}
      {(!listing.isEntry || listing.total > 0) && (
        <>
          <DataTable caption={`${node.name}：信息列表`} captionHidden columns={ITEM_COLUMNS} rows={listing.rows} rowKey={(r) => r.itemId} empty="该栏目暂无已发布的信息。" />
          <Pagination page={listing.page} pageCount={listing.pageCount} hrefFor={(p) => catalogNodeHref(agency.code, node.id, p)} />
        </>
      )}
      <FeedLinks rss={nodeFeedHref(agency.code, node.id, 'rss')} atom={nodeFeedHref(agency.code, node.id, 'atom')} label="本栏目" />
    </PortalLayout>
  );
}

export interface ChangesPageProps {
  ctx: PageContext;
  agency: Agency;
  rows: ChangeRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** /agencies/<code>/catalog/changes: 动态调整记录 — who changed the catalog, when and why. */
export function CatalogChangesPage(p: ChangesPageProps) {
  const title = `${p.agency.name}主动公开目录动态调整记录`;
  const columns: Column<ChangeRow>[] = [
    { header: '调整时间', cell: (r) => <time dateTime={r.change.at.toISOString()}>{chineseDateTime(r.change.at)}</time> },
    { header: '调整内容', cell: (r) => r.text },
    { header: '调整理由', cell: (r) => r.change.reason },
    { header: '调整人', cell: (r) => r.change.actorLabel },
  ];
  return (
    <PortalLayout ctx={p.ctx} title={title} columnName="主动公开目录" columnType="信息公开" description={title} crumbs={[...agencyCrumbs(p.agency), { label: '主动公开目录', href: catalogHref(p.agency.code) }, { label: '动态调整记录' }]}>
      <PrintStylesheet ctx={p.ctx} />
      <h1>{title}</h1>
      <p class="page-lead">
        主动公开目录随工作需要动态调整（渝府办发〔2018〕76号）。每次新增、更名、移动、调整顺序、停用或恢复栏目，都在此记录调整时间、内容和理由，按时间由近到远排列，共 {p.total} 条。
      </p>
      <DataTable caption="目录动态调整记录" captionHidden columns={columns} rows={p.rows} rowKey={(r) => r.change.id} empty="暂无调整记录。" />
      <Pagination page={p.page} pageCount={p.pageCount} hrefFor={(n) => catalogChangesHref(p.agency.code, n)} />
    </PortalLayout>
  );
}
