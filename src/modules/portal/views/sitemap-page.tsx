import type { PageContext } from '../../../platform/views/context.ts';
import { PortalLayout } from '../../../platform/views/layout.tsx';
import { PORTAL_LINKS, PORTAL_NAV, agencyHref } from '../../../platform/views/navigation.ts';
import type { AgencyDirectory } from '../portal.directory.ts';

/** 网站地图: every column and every agency's 信息公开 page. */
export function SitemapPage({ ctx, directory }: { ctx: PageContext; directory: AgencyDirectory }) {
  const groups = [
    { id: 'sitemap-city', title: '市政府', agencies: directory.city },
    { id: 'sitemap-departments', title: '市政府部门', agencies: directory.departments },
    { id: 'sitemap-districts', title: '区县政府', agencies: directory.districts },
  ].filter((g) => g.agencies.length > 0);
  return (
    <PortalLayout ctx={ctx} title="网站地图" columnName="网站地图" columnType="其他" crumbs={[{ label: '网站地图' }]}>
      <h1>网站地图</h1>
      <section class="sitemap-section" aria-labelledby="sitemap-columns">
        <h2 id="sitemap-columns">栏目</h2>
        <ul>
          {PORTAL_NAV.map((n) => (
            <li key={n.href}>
              <a href={n.href}>{n.label}</a>
            </li>
          ))}
          <li>
            <a href={PORTAL_LINKS.requests}>依申请公开</a>
          </li>
          <li>
            <a href={PORTAL_LINKS.hotline}>12345 热线</a>
          </li>
          <li>
            <a href={PORTAL_LINKS.mailbox}>市长信箱</a>
          </li>
          <li>
            <a href={PORTAL_LINKS.search}>全站搜索</a>
          </li>
          <li>
            <a href={PORTAL_LINKS.accessibility}>无障碍说明</a>
          </li>
        </ul>
      </section>
      {groups.map((g) => (
        <section class="sitemap-section" aria-labelledby={g.id} key={g.id}>
          <h2 id={g.id}>{g.title}信息公开</h2>
          <ul>
            {g.agencies.map((a) => (
              <li key={a.id}>
                <a href={agencyHref(a.code)}>{a.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </PortalLayout>
  );
}
