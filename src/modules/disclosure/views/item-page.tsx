import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/views/context.ts';
import { Banner } from '../../../platform/views/components.tsx';
import { PortalLayout, type Crumb } from '../../../platform/views/layout.tsx';
import { agencyHref, PORTAL_LINKS } from '../../../platform/views/navigation.ts';
import { chineseDate, fileSize, fileTypeLabel, shanghaiDateOf } from '../catalog.format.ts';
import { attachmentHref, catalogHref, catalogNodeHref, itemHref } from '../catalog.paths.ts';
import type { LinkedItem } from '../portal.items.repository.ts';
import type { ItemPage } from '../portal.items.service.ts';
import { sanitizeBodyHtml } from '../sanitize.ts';
import { disclosureModeName, genreName, interpretationFormName, isDisclosureMode, isGenreId, isInterpretationForm, topicLabel, validityName } from '../taxonomy.ts';
import { PrintStylesheet } from './catalog-pages.tsx';

function LinkedList({ rows, withForm }: { rows: readonly LinkedItem[]; withForm?: boolean }) {
  return (
    <ul>
      {rows.map((r) => (
        <li key={r.indexNumber}>
          <a href={itemHref(r.indexNumber)}>{r.title}</a>
          <span class="muted">
            （{withForm && r.interpretationForm && isInterpretationForm(r.interpretationForm) ? `${interpretationFormName(r.interpretationForm)}，` : ''}
            {chineseDate(r.publishedDate)}
            {r.validity !== 'valid' ? `，已${validityName(r.validity)}` : ''}）
          </span>
        </li>
      ))}
    </ul>
  );
}

/** One row of the 信息索引 grid. */
function Meta({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * /xxgk/<索引号>: the 信息索引 grid as on gov.cn, the red banner of a revoked document, the dated notice of a
 * withdrawn one, the sanitized body, attachments with sizes, linked interpretations or policies, and the change
 * history. Print rules hide the frame (print.css).
 */
export function ItemPageView({ ctx, page }: { ctx: PageContext; page: ItemPage }) {
  const { item, revision } = page;
  const indexNumber = item.indexNumber ?? '';
  const lead = page.issuers[0];
  const column = page.columns[0];
  const crumbs: Crumb[] = [
    { label: '机关信息公开', href: PORTAL_LINKS.agencyPage },
    ...(lead ? [{ label: lead.shortName, href: agencyHref(lead.code) }, { label: '主动公开目录', href: catalogHref(lead.code) }] : []),
    ...(column ? [{ label: column.name, href: catalogNodeHref(column.agencyCode, column.id) }] : []),
    { label: '正文' },
  ];
  const siteOrigin = (() => {
    try {
      return new URL(ctx.baseUrl).origin;
    } catch {
      return undefined;
    }
  })();
  const body = sanitizeBodyHtml(revision.bodyHtml, siteOrigin ? { siteOrigin } : {});
  const publicHistory = page.history.filter((h, i) => i === 0 || !h.isMinorChange);
  const revoked = item.validity !== 'valid';
  return (
    <PortalLayout ctx={ctx} title={revision.title} columnName={column?.name ?? '政府信息公开'} columnType="信息公开" description={revision.summary ?? revision.title} crumbs={crumbs}>
      <PrintStylesheet ctx={ctx} />
      <article class="item-page" aria-labelledby="item-title">
        {revoked && (
          <Banner kind="danger" title={`本文件已${validityName(item.validity)}`}>
            <p>
              {item.validityDate ? `自${chineseDate(item.validityDate)}起${validityName(item.validity)}。` : ''}
              {item.validityReason && `理由：${item.validityReason}`}
            </p>
            {page.replacedBy && (
              <p>
                替代文件：<a href={itemHref(page.replacedBy.indexNumber)}>{page.replacedBy.title}</a>（索引号 {page.replacedBy.indexNumber}）
              </p>
            )}
          </Banner>
        )}
        {item.status === 'withdrawn' && (
          <Banner kind="warning" title="本信息已撤回">
            <p>
              {item.withdrawnAt && <time dateTime={shanghaiDateOf(item.withdrawnAt)}>{chineseDate(shanghaiDateOf(item.withdrawnAt))}</time>}
              {item.withdrawnAt ? '撤回。' : ''}
              {item.withdrawalNotice}
            </p>
            <p>以下内容仅供查阅，不再作为现行信息。</p>
          </Banner>
        )}

        <h2 class="visually-hidden">信息索引</h2>
        <dl class="info-index">
          <Meta label="索引号">{indexNumber}</Meta>
          <Meta label="主题分类">{topicLabel(revision.subject) ?? revision.subject}</Meta>
          <Meta label="发布机构">{page.issuers.map((i) => i.name).join('、')}</Meta>
          <Meta label="成文日期">{chineseDate(revision.writtenDate)}</Meta>
          <Meta label="标题">{revision.title}</Meta>
          <Meta label="发文字号">{revision.documentNumber ?? '无'}</Meta>
          <Meta label="发布日期">{revision.publishedDate ? chineseDate(revision.publishedDate) : ''}</Meta>
          <Meta label="有效性">{revoked && item.validityDate ? `${validityName(item.validity)}（${chineseDate(item.validityDate)}）` : validityName(item.validity)}</Meta>
          <Meta label="公开属性">{isDisclosureMode(revision.disclosureMode) ? disclosureModeName(revision.disclosureMode) : revision.disclosureMode}</Meta>
          <Meta label="体裁">{isGenreId(revision.genre) ? genreName(revision.genre) : revision.genre}</Meta>
        </dl>

        <h1 id="item-title" class="doc-title">
          {revision.title}
        </h1>
        {revision.documentNumber && <p class="doc-number">{revision.documentNumber}</p>}
        {/* sanitized on write by the items service and again here against the allow-list (sanitize.ts) */}
        <div class="prose doc-body" dangerouslySetInnerHTML={{ __html: body }} />

        {page.attachments.length > 0 && (
          <section aria-labelledby="attachments-title">
            <h2 id="attachments-title">附件</h2>
            <ol class="attachments">
              {page.attachments.map((a) => (
                <li key={a.id}>
                  <a href={attachmentHref(a.id)} download={a.filename}>
                    {a.filename}
                  </a>
                  <span class="muted">
                    （{fileTypeLabel(a.mime)}，{fileSize(a.sizeBytes)}）
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}

        {page.interpretations.length > 0 && (
          <section aria-labelledby="interpretations-title">
            <h2 id="interpretations-title">政策解读</h2>
            <LinkedList rows={page.interpretations} withForm />
          </section>
        )}
        {page.policies.length > 0 && (
          <section aria-labelledby="policies-title">
            <h2 id="policies-title">解读的政策文件</h2>
            <LinkedList rows={page.policies} />
          </section>
        )}

        {page.columns.length > 0 && (
          <p class="muted item-columns">
            所属栏目：
            {page.columns.map((c, i) => (
              <span key={c.id}>
                {i > 0 && '、'}
                <a href={catalogNodeHref(c.agencyCode, c.id)}>{c.name}</a>
              </span>
            ))}
          </p>
        )}

        <section aria-labelledby="history-title">
          <h2 id="history-title">修订记录</h2>
          <ol class="item-history">
            {publicHistory.map((h, i) => (
              <li key={h.revisionNo}>
                {h.publishedDate && <time dateTime={h.publishedDate}>{chineseDate(h.publishedDate)}</time>}　{i === 0 ? '首次发布' : (h.changeNote ?? '修订')}
              </li>
            ))}
          </ol>
        </section>
      </article>
    </PortalLayout>
  );
}
