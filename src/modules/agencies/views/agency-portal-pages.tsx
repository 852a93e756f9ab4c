import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/views/context.ts';
import { Banner, StatusTag } from '../../../platform/views/components.tsx';
import { PortalLayout, type Crumb } from '../../../platform/views/layout.tsx';
import { agencyHref, PORTAL_LINKS } from '../../../platform/views/navigation.ts';
import { AGENCY_KINDS } from '../agencies.tables.ts';
import type { Agency } from '../agencies.schema.ts';
import type { AgencyGroup } from '../agencies.tree.ts';

const LIST_TITLE = '机关信息公开';

/** A rendered extra section of an agency's page (指南, 目录, 年报 … added by later modules). */
export interface RenderedSection {
  id: string;
  title: string;
  content: ComponentChildren;
}

/** 2025-03-01 from an instant, in Asia/Shanghai. */
export function shanghaiDateText(d: Date): string {
  const parts = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(d);
  return parts;
}

/** /agencies: every active agency, grouped under its 人民政府. */
export function AgencyListPage({ ctx, groups }: { ctx: PageContext; groups: AgencyGroup<Agency>[] }) {
  return (
    <PortalLayout ctx={ctx} title={LIST_TITLE} columnName={LIST_TITLE} columnType="信息公开" crumbs={[{ label: LIST_TITLE }]}>
      <h1>{LIST_TITLE}</h1>
      <p class="page-lead">各机关的政府信息公开工作机构、办公地址、办公时间和联系方式。选择一个机关查看其信息公开页面。</p>
      {groups.length === 0 && <p class="empty">暂无机关。</p>}
      {groups.map((g) => (
        <section class="entry" aria-labelledby={`group-${g.government?.code ?? 'other'}`} key={g.government?.id ?? 'other'}>
          <h2 id={`group-${g.government?.code ?? 'other'}`}>{g.government ? g.government.name : '其他机关'}</h2>
          <ul class="agency-list">
            {g.members.map((a) => (
              <li key={a.id}>
                <a href={agencyHref(a.code)}>{a.id === g.government?.id ? `${a.shortName}（本级）` : a.shortName}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PortalLayout>
  );
}

export interface AgencyPortalPageProps {
  ctx: PageContext;
  agency: Agency;
  ancestors: Agency[];
  children: Agency[];
  sections: RenderedSection[];
}

/** /agencies/<code>: the agency's 信息公开 page. */
export function AgencyPortalPage({ ctx, agency, ancestors, children, sections }: AgencyPortalPageProps) {
  const parent = ancestors.at(-1);
  const crumbs: Crumb[] = [{ label: LIST_TITLE, href: PORTAL_LINKS.agencyPage }, ...ancestors.map((a) => ({ label: a.shortName, href: agencyHref(a.code) })), { label: agency.shortName }];
  return (
    <PortalLayout ctx={ctx} title={agency.name} columnName={LIST_TITLE} columnType="信息公开" description={`${agency.name}政府信息公开工作机构和联系方式`} crumbs={crumbs}>
      <h1>{agency.name}</h1>
      {agency.retiredAt && (
        <Banner kind="danger" title="该机关已撤销">
          <p>该机关已于{shanghaiDateText(agency.retiredAt)}撤销，以下信息仅供查阅。</p>
        </Banner>
      )}
      <dl class="summary-list">
        <dt>机关类型</dt>
        <dd>{AGENCY_KINDS[agency.kind]}</dd>
        {parent && (
          <>
            <dt>上级机关</dt>
            <dd>
              <a href={agencyHref(parent.code)}>{parent.name}</a>
            </dd>
          </>
        )}
        <dt>统一社会信用代码</dt>
        <dd>
          {agency.creditCode} {agency.isDemo && <StatusTag label="演示" tone="warning" />}
        </dd>
        <dt>行政区划代码</dt>
        <dd>{agency.divisionCode}</dd>
      </dl>

      {/* 条例 第十二条：政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式 */}
      <section aria-labelledby="office-title">
        <h2 id="office-title">政府信息公开工作机构</h2>
        <dl class="summary-list">
          <dt>名称</dt>
          <dd>{agency.officeName}</dd>
          <dt>办公地址</dt>
          <dd>{agency.officeAddress}</dd>
          <dt>办公时间</dt>
          <dd>{agency.officeHours}</dd>
          <dt>联系电话</dt>
          <dd>
            <a href={`tel:${agency.officePhone.replace(/[^0-9+]/g, '')}`}>{agency.officePhone}</a>
          </dd>
          <dt>传真号码</dt>
          <dd>{agency.officeFax ?? '无'}</dd>
          <dt>电子邮箱</dt>
          <dd>{agency.officeEmail ? <a href={`mailto:${agency.officeEmail}`}>{agency.officeEmail}</a> : '无'}</dd>
        </dl>
      </section>

      {sections.map((s) => (
        <section aria-labelledby={`section-${s.id}`} key={s.id} id={s.id}>
          <h2 id={`section-${s.id}`}>{s.title}</h2>
          {s.content}
        </section>
      ))}

      {children.length > 0 && (
        <section aria-labelledby="children-title">
          <h2 id="children-title">下级机关</h2>
          <ul class="agency-list">
            {children.map((c) => (
              <li key={c.id}>
                <a href={agencyHref(c.code)}>{c.shortName}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PortalLayout>
  );
}
