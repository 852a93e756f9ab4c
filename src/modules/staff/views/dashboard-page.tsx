import { ROLES } from '../../../platform/auth/actor.ts';
import { DataTable } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import type { GrantView } from '../staff.repository.ts';
import { CalendarWarningBanner, type CalendarWarning } from '../../calendar/index.ts';

export interface DashboardLink {
  label: string;
  href: string;
  note: string;
}

/** 工作台: who is signed in, their roles in which agencies, and what they may open. */
export function DashboardPage({ ctx, name, grants, links, calendar }: { ctx: PageContext; name: string; grants: GrantView[]; links: DashboardLink[]; calendar?: { warning: CalendarWarning | null; canEdit: boolean } }) {
  return (
    <ConsoleLayout ctx={ctx} title="工作台">
      <h1>工作台</h1>
      <p class="page-lead">您好，{name}。</p>
      {calendar && <CalendarWarningBanner warning={calendar.warning} canEdit={calendar.canEdit} />}
      <section class="panel">
        <h2 id="grants-title">我的单位与角色</h2>
        <DataTable
          caption="我的单位与角色"
          captionHidden
          rows={grants}
          rowKey={(g) => g.id}
          empty="您还没有任何角色，请联系系统管理员。"
          columns={[
            { header: '单位', cell: (g) => g.agencyName },
            { header: '角色', cell: (g) => ROLES[g.role] },
            { header: '范围', cell: (g) => (g.includeSubtree ? '本单位及下级单位' : '本单位') },
          ]}
        />
      </section>
      {links.length > 0 && (
        <section class="panel">
          <h2 id="links-title">常用功能</h2>
          <ul class="entry-list">
            {links.map((l) => (
              <li key={l.href}>
                <a href={l.href}>{l.label}</a>
                <span class="entry-note">{l.note}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </ConsoleLayout>
  );
}
