import type { PageContext } from '../../../platform/views/context.ts';
import { PortalLayout } from '../../../platform/views/layout.tsx';
import { PORTAL_LINKS, agencyHref, elderModeHref } from '../../../platform/views/navigation.ts';
import type { AgencyDirectory, PortalAgency } from '../portal.directory.ts';

function AgencyGroup({ id, title, agencies, useShortName }: { id: string; title: string; agencies: PortalAgency[]; useShortName: boolean }) {
  if (agencies.length === 0) return null;
  return (
    <>
      <h3 class="entry-group" id={id}>
        {title}
      </h3>
      <ul class="agency-list" aria-labelledby={id}>
        {agencies.map((a) => (
          <li key={a.id}>
            <a href={agencyHref(a.code)}>{useShortName ? a.shortName : a.name}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface HomePageProps {
  ctx: PageContext;
  directory: AgencyDirectory;
}

/** The portal home: what people come for, in entry blocks. Nothing per user, so it is cached. */
export function HomePage({ ctx, directory }: HomePageProps) {
  const empty = directory.city.length + directory.departments.length + directory.districts.length === 0;
  return (
    <PortalLayout ctx={ctx} title={ctx.site.name} columnName="首页" columnType="首页" description={`${ctx.site.name}门户网站：政务公开、依申请公开、12345 热线与市长信箱。`}>
      <h1 class="visually-hidden">{ctx.site.name}门户网站首页</h1>
      <div class="home-grid">
        <section class="entry entry--wide" aria-labelledby="home-disclosure">
          <h2 id="home-disclosure">政务公开</h2>
          <p class="muted">按机关查看政府信息公开。</p>
          {empty ? (
            <p class="empty">暂无机关信息。</p>
          ) : (
            <>
              <AgencyGroup id="home-city" title="市政府" agencies={directory.city} useShortName={false} />
              <AgencyGroup id="home-departments" title="市政府部门" agencies={directory.departments} useShortName />
              <AgencyGroup id="home-districts" title="区县政府" agencies={directory.districts} useShortName />
            </>
          )}
        </section>
        <section class="entry" aria-labelledby="home-requests">
          <h2 id="home-requests">依申请公开</h2>
          <ul class="entry-list">
            <li>
              <a href={PORTAL_LINKS.requests}>申请获取政府信息</a>
              <span class="entry-note">公民、法人或者其他组织可以向行政机关申请获取相关政府信息（《中华人民共和国政府信息公开条例》第二十七条）。</span>
            </li>
          </ul>
        </section>
        <section class="entry" aria-labelledby="home-interaction">
          <h2 id="home-interaction">互动交流</h2>
          <ul class="entry-list">
            <li>
              <a href={PORTAL_LINKS.hotline}>12345 政务服务便民热线</a>
              <span class="entry-note">咨询、求助、投诉、举报、建议，一号受理。</span>
            </li>
            <li>
              <a href={PORTAL_LINKS.mailbox}>市长信箱</a>
              <span class="entry-note">给市长写信，答复在网上公开。</span>
            </li>
          </ul>
        </section>
        <section class="entry" aria-labelledby="home-help">
          <h2 id="home-help">便民帮助</h2>
          <ul class="entry-list">
            <li>
              {ctx.elder ? <a href={elderModeHref(false, ctx.path)}>退出长者模式</a> : <a href={elderModeHref(true, ctx.path)}>长者模式</a>}
              <span class="entry-note">放大文字和按钮，加深文字颜色。</span>
            </li>
            <li>
              <a href={PORTAL_LINKS.accessibility}>无障碍说明</a>
              <span class="entry-note">键盘操作、读屏软件和长者模式的使用方法。</span>
            </li>
            <li>
              <a href={PORTAL_LINKS.sitemap}>网站地图</a>
            </li>
          </ul>
        </section>
      </div>
    </PortalLayout>
  );
}
