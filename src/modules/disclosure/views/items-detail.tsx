// /console/items/<id>: where the item stands, its metadata, the privacy gate's findings marked in place, and one
// form per action the state and the actor's role allow. Workflow refusals come back here as an error summary.

import type { FieldError } from '../../../platform/http/errors.ts';
import { PrivacyHighlight, type GateFinding } from '../../../platform/privacy/index.ts';
import { Banner, CheckboxField, CsrfField, DataTable, ErrorSummary, fieldErrorFor, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { itemHref as portalItemHref } from '../catalog.paths.ts';
import { REVISION_STATE_NAMES } from '../disclosure.workflow.ts';
import type { RevisionRecord } from '../items.schema.ts';
import type { ConsoleItem, PrivacyGateReport } from '../items.service.ts';
import { disclosureModeName, genreName, interpretationFormName, isGenreId, isInterpretationForm, isPolicyCategoryId, isWithholdingReason, policyCategoryName, topicLabel, validityName, withholdingReasonLabel } from '../taxonomy.ts';
import { formatDateTime, ItemDeadlineChip, itemHref, ITEMS_PATH, ItemTags } from './items-shared.tsx';

export interface PrivacyView {
  /** the text the gate read (title, summary, body as plain text), which the findings' offsets refer to */
  text: string;
  report: PrivacyGateReport;
}

export interface ItemDetailPageProps {
  ctx: PageContext;
  data: ConsoleItem;
  privacy: PrivacyView | null;
  errors: readonly FieldError[];
  /** the verb whose form was sent back, and what was typed */
  failed?: { verb: string; values: Record<string, string> };
}

function Row({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Metadata({ data, r }: { data: ConsoleItem; r: RevisionRecord }) {
  const withhold = r.withholdReason ? (isWithholdingReason(r.withholdReason) ? withholdingReasonLabel(r.withholdReason) : r.withholdReason) : '';
  return (
    <dl class="info-index">
      <Row label="索引号">{data.item.indexNumber ?? '首次发布时分配'}</Row>
      <Row label="发布机构">{data.issuers.length ? data.issuers.map((i) => i.name).join('、') : data.agency.name}</Row>
      <Row label="发文字号">{r.documentNumber ?? '无'}</Row>
      <Row label="成文日期">{r.writtenDate}</Row>
      <Row label="发布日期">{r.publishedDate ?? '未发布'}</Row>
      <Row label="主题分类">{topicLabel(r.subject) ?? r.subject}</Row>
      <Row label="体裁">{isGenreId(r.genre) ? genreName(r.genre) : r.genre}</Row>
      <Row label="五类政策信息">{r.policyTags.map((t) => (isPolicyCategoryId(t) ? policyCategoryName(t) : t)).join('、') || '无'}</Row>
      <Row label="关键词">{r.keywords.join('、') || '无'}</Row>
      <Row label="公开属性">{withhold ? `${disclosureModeName(r.disclosureMode)}（${withhold}）` : disclosureModeName(r.disclosureMode)}</Row>
      <Row label="有效性">{validityName(data.item.validity)}</Row>
      {r.isMajorPolicy && <Row label="重大政策">是（须与解读同步发布）</Row>}
      {r.interpretationForm && <Row label="解读形式">{isInterpretationForm(r.interpretationForm) ? interpretationFormName(r.interpretationForm) : r.interpretationForm}</Row>}
      {r.secrecyCheckedAt && <Row label="保密审查">已于 {formatDateTime(r.secrecyCheckedAt)} 确认</Row>}
      {r.changeNote && <Row label="修改说明">{r.changeNote}</Row>}
    </dl>
  );
}

function VerbForm({ ctx, itemId, verb, version, label, kind, children }: { ctx: PageContext; itemId: string; verb: string; version: number; label: string; kind?: 'secondary' | 'danger'; children?: preact.ComponentChildren }) {
  return (
    <form method="post" action={`${itemHref(itemId)}/${verb}`} class="verb-form" novalidate>
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="version" value={String(version)} />
      {children}
      <button type="submit" class={`button${kind ? ` button--${kind}` : ''}`}>
        {label}
      </button>
    </form>
  );
}

function FindingsTable({ ctx, itemId, revisionId, findings, mayOverride, errors, failed }: { ctx: PageContext; itemId: string; revisionId: string; findings: readonly GateFinding[]; mayOverride: boolean; errors: readonly FieldError[]; failed: ItemDetailPageProps['failed'] }) {
  return (
    <DataTable
      caption="个人信息检查结果"
      rows={findings.map((f, i) => ({ f, n: i + 1 }))}
      rowKey={(r) => r.n}
      columns={[
        { header: '序号', cell: (r) => <a href={`#pii-${r.n}`}>{r.n}</a>, numeric: true },
        { header: '类型', cell: (r) => r.f.label },
        { header: '去标识化后', cell: (r) => r.f.masked },
        { header: '处理情况', cell: (r) => (r.f.status === 'unresolved' ? <strong class="tag tag--danger">待处理</strong> : r.f.status === 'exempt' ? '依法保留' : `已说明理由保留：${r.f.reason ?? ''}`) },
        {
          header: '保留并说明理由',
          cell: (r) =>
            mayOverride && r.f.status === 'unresolved' ? (
              <form method="post" action={`${itemHref(itemId)}/privacy-override`} class="inline-form" novalidate>
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="revisionId" value={revisionId} />
                <input type="hidden" name="type" value={r.f.type} />
                <input type="hidden" name="text" value={r.f.text} />
                <label for={`override-reason-${r.n}`} class="visually-hidden">
                  第 {r.n} 处{r.f.label}的保留理由
                </label>
                <input id={`override-reason-${r.n}`} name="reason" class="input input--medium" maxLength={500} value={failed?.verb === 'privacy-override' && failed.values.text === r.f.text ? (failed.values.reason ?? '') : ''} aria-invalid={failed?.verb === 'privacy-override' && failed.values.text === r.f.text && fieldErrorFor(errors, 'reason') ? 'true' : undefined} />{' '}
                <button type="submit" class="button button--secondary">
                  保留
                </button>
              </form>
            ) : (
              ''
            ),
        },
      ]}
    />
  );
}

export function ItemDetailPage(p: ItemDetailPageProps) {
  const { data, ctx } = p;
  const open = data.openRevision;
  const shown = open ?? data.publishedRevision ?? data.revisions[0] ?? null;
  const a = data.actions;
  const id = data.item.id;
  const title = shown?.title ?? '政府信息';
  const values = p.failed?.values ?? {};
  const errFor = (verb: string, field: string) => (p.failed?.verb === verb ? fieldErrorFor(p.errors, field) : undefined);
  const wasPublished = data.item.firstPublishedAt !== null;
  const files = open ? (data.attachments[open.id] ?? []) : [];
  return (
    <ConsoleLayout ctx={ctx} title={title} crumbs={[{ label: '政府信息', href: ITEMS_PATH }, { label: title }]}>
      <h1>{title}</h1>
      <p>
        <ItemTags revisionState={open ? (open.state === 'draft' || open.state === 'submitted' ? open.state : null) : null} status={data.item.status} validity={data.item.validity} />
        {open && <> 第 {open.revisionNo} 版稿件：{REVISION_STATE_NAMES[open.state]}</>} {data.deadline && <ItemDeadlineChip row={data.deadline} />}
      </p>
      <ErrorSummary errors={p.errors} title="未能完成操作" />
      {data.item.validity !== 'valid' && (
        <Banner kind="danger" title={`该文件已${validityName(data.item.validity)}`}>
          <p>
            {data.item.validityDate} {data.item.validityReason}
          </p>
        </Banner>
      )}
      {data.item.status === 'withdrawn' && (
        <Banner kind="warning" title="已撤回">
          <p>{data.item.withdrawalNotice}</p>
        </Banner>
      )}
      {data.item.status === 'unpublished' && (
        <Banner kind="danger" title="已撤销发布">
          <p>{data.item.unpublishReason}</p>
        </Banner>
      )}
      {open?.returnComment && open.state === 'draft' && (
        <Banner kind="warning" title="审核人退回意见">
          <p>{open.returnComment}</p>
        </Banner>
      )}
      {data.item.indexNumber && data.item.status !== 'unpublished' && (
        <p>
          <a href={portalItemHref(data.item.indexNumber)}>在门户网站查看</a>
        </p>
      )}

      {shown && (
        <section aria-labelledby="meta-title">
          <h2 id="meta-title">信息索引</h2>
          <Metadata data={data} r={shown} />
        </section>
      )}

      {(data.policies.length > 0 || data.interpretations.length > 0 || data.proposedPolicies.length > 0 || data.openInterpretations.length > 0) && (
        <section aria-labelledby="links-title">
          <h2 id="links-title">政策与解读</h2>
          <ul>
            {data.proposedPolicies.map((x) => (
              <li key={`p-${x.itemId}`}>
                解读的政策：<a href={itemHref(x.itemId)}>{x.title}</a>
              </li>
            ))}
            {data.policies
              .filter((x) => !data.proposedPolicies.some((q) => q.itemId === x.itemId))
              .map((x) => (
                <li key={`pp-${x.itemId}`}>
                  解读的政策：<a href={itemHref(x.itemId)}>{x.title}</a>
                </li>
              ))}
            {data.interpretations.map((x) => (
              <li key={`i-${x.itemId}`}>
                政策解读：<a href={itemHref(x.itemId)}>{x.title}</a>
              </li>
            ))}
            {data.openInterpretations.map((x) => (
              <li key={`o-${x.itemId}`}>
                未发布的政策解读：<a href={itemHref(x.itemId)}>{x.title}</a>（{x.state === 'draft' ? '草稿' : '待审核'}，{x.secrecyChecked ? '已完成保密审查，将随本政策一并发布' : '尚未完成保密审查'}）
              </li>
            ))}
          </ul>
        </section>
      )}

      {open && p.privacy && (
        <section aria-labelledby="privacy-title">
          <h2 id="privacy-title">个人信息检查</h2>
          {p.privacy.report.result.ok ? (
            <p class="success">未发现待处理的个人信息。</p>
          ) : (
            <p class="field-error" id="field-privacy">
              {p.privacy.report.result.message}
            </p>
          )}
          {p.privacy.report.result.findings.length > 0 && (
            <>
              <PrivacyHighlight text={p.privacy.text} findings={p.privacy.report.result.findings} />
              <FindingsTable ctx={ctx} itemId={id} revisionId={open.id} findings={p.privacy.report.result.findings} mayOverride={a.overridePrivacy} errors={p.errors} failed={p.failed} />
            </>
          )}
          {p.privacy.report.result.attachments.map((att) => (
            <div key={att.name}>
              <h3>附件“{att.name}”</h3>
              {att.needsConfirmation && <p>无法提取文字，请人工核对后确认。</p>}
              {att.findings.length > 0 && (
                <ul>
                  {att.findings.map((f, i) => (
                    <li key={i}>
                      {f.label}：{f.masked}（{f.status === 'unresolved' ? '待处理' : f.status === 'exempt' ? '依法保留' : '已说明理由保留'}）
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
          {a.edit && p.privacy.report.result.unresolved.length > 0 && (
            <VerbForm ctx={ctx} itemId={id} verb="deidentify" version={open.version} label="全部去标识化" kind="secondary" />
          )}
          {a.secrecyReview &&
            files
              .filter((f) => f.privacyConfirmedAt === null && p.privacy?.report.result.attachments.some((x) => x.name === f.filename && x.needsConfirmation))
              .map((f) => (
                <form key={f.id} method="post" action={`${itemHref(id)}/attachments/${f.id}/confirm`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" class="button button--secondary">
                    已人工核对附件“{f.filename}”
                  </button>
                </form>
              ))}
        </section>
      )}

      <section aria-labelledby="actions-title">
        <h2 id="actions-title">操作</h2>
        {!Object.values(a).some(Boolean) && <p>当前状态下您没有可进行的操作。</p>}
        {a.edit && open && (
          <p>
            <a class="button button--secondary" href={`${itemHref(id)}/edit`}>
              修改稿件
            </a>
          </p>
        )}
        {a.submit && open && <VerbForm ctx={ctx} itemId={id} verb="submit" version={open.version} label="提交审核" />}
        {a.secrecyReview && open && !open.secrecyCheckedAt && (
          <VerbForm ctx={ctx} itemId={id} verb="secrecy-review" version={open.version} label="确认已完成保密审查">
            <p class="field-hint">《政府信息公开条例》第十七条：发布前须经保密审查。确认人和时间会被记录。</p>
          </VerbForm>
        )}
        {a.publish && open && (
          <VerbForm ctx={ctx} itemId={id} verb="publish" version={open.version} label="发布">
            {wasPublished && (
              <>
                <TextArea name="changeNote" label="修改说明" value={values.changeNote ?? open.changeNote ?? ''} error={errFor('publish', 'changeNote')} rows={2} />
                <CheckboxField name="isMinorChange" label="细微修改" checked={open.isMinorChange} />
              </>
            )}
            {open.isMajorPolicy && <TextArea name="interpretationException" label="先行发布的例外理由" value={values.interpretationException ?? ''} error={errFor('publish', 'interpretationException')} rows={2} hint="重大政策须与解读同步发布；没有已就绪的解读时，须写明先行发布的理由。" />}
          </VerbForm>
        )}
        {a.return && open && (
          <VerbForm ctx={ctx} itemId={id} verb="return" version={open.version} label="退回修改" kind="secondary">
            <TextArea name="comment" label="退回意见" value={values.comment ?? ''} error={errFor('return', 'comment')} rows={2} required />
          </VerbForm>
        )}
        {a.createRevision && (
          <VerbForm ctx={ctx} itemId={id} verb="revision" version={data.item.version} label="新建修订" kind="secondary">
            <TextArea name="changeNote" label="修改说明" value={p.failed?.verb === 'revision' ? (values.changeNote ?? '') : ''} error={errFor('revision', 'changeNote')} rows={2} />
            <CheckboxField name="isMinorChange" label="细微修改" />
          </VerbForm>
        )}
        {a.withdraw && (
          <VerbForm ctx={ctx} itemId={id} verb="withdraw" version={data.item.version} label="撤回" kind="secondary">
            <TextArea name="notice" label="撤回说明（向公众展示）" value={p.failed?.verb === 'withdraw' ? (values.notice ?? '') : ''} error={errFor('withdraw', 'notice')} rows={2} required />
          </VerbForm>
        )}
        {a.revoke && (
          <VerbForm ctx={ctx} itemId={id} verb="revoke" version={data.item.version} label="宣布失效或废止" kind="danger">
            <SelectField name="validity" label="有效性" options={[{ value: 'expired', label: '失效' }, { value: 'repealed', label: '废止' }]} value={values.validity ?? ''} error={errFor('revoke', 'validity')} required placeholder="请选择" />
            <TextField name="effectiveDate" label="失效或废止日期" type="date" value={values.effectiveDate ?? ''} error={errFor('revoke', 'effectiveDate')} required width="medium" />
            <TextArea name="reason" label="理由" value={p.failed?.verb === 'revoke' ? (values.reason ?? '') : ''} error={errFor('revoke', 'reason')} rows={2} required />
            <TextField name="replacedByItemId" label="替代文件编号" value={values.replacedByItemId ?? ''} error={errFor('revoke', 'replacedByItemId')} hint="替代本文件的政府信息的编号（其控制台网址的最后一段）。" />
          </VerbForm>
        )}
        {a.unpublish && (
          <VerbForm ctx={ctx} itemId={id} verb="unpublish" version={data.item.version} label="撤销发布（错误发布）" kind="danger">
            <TextArea name="unpublishReason" label="撤销发布理由" value={p.failed?.verb === 'unpublish' ? (values.unpublishReason ?? '') : ''} error={errFor('unpublish', 'unpublishReason')} rows={2} required hint="公众访问原链接时将看到该理由。" />
          </VerbForm>
        )}
      </section>

      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">版本记录</h2>
        <DataTable
          caption="版本记录"
          captionHidden
          rows={data.revisions}
          rowKey={(r) => r.id}
          columns={[
            { header: '版本', cell: (r) => `第 ${r.revisionNo} 版`, numeric: true },
            { header: '状态', cell: (r) => REVISION_STATE_NAMES[r.state] },
            { header: '发布日期', cell: (r) => r.publishedDate ?? '' },
            { header: '修改说明', cell: (r) => (r.revisionNo === 1 ? '首次发布' : (r.changeNote ?? (r.isMinorChange ? '细微修改' : ''))) },
          ]}
        />
      </section>
    </ConsoleLayout>
  );
}
