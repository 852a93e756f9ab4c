// The drafting form (/console/items/new and /console/items/<id>/edit): metadata, 公开属性 with its reason, 重大政策,
// the interpretation's form and policies, catalog nodes, the change note of a revision, and the attachments form.

import type { FieldError } from '../../../platform/http/errors.ts';
import { CheckboxField, CsrfField, ErrorSummary, fieldErrorFor, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import type { DraftFormValues } from '../items.form.ts';
import type { AttachmentRecord } from '../items.schema.ts';
import { DISCLOSURE_MODES, GENRES, INTERPRETATION_FORMS, POLICY_CATEGORIES, TOPICS, WITHHOLDING_REASONS, withholdingReasonLabel } from '../taxonomy.ts';
import { CheckboxGroup, itemHref, ITEMS_PATH, type AgencyChoice } from './items-shared.tsx';

export interface DraftFormOptions {
  /** agencies the actor may draft for (the 发布机构) */
  agencies: readonly AgencyChoice[];
  /** every current agency, for 联合发文 */
  coIssuers: readonly AgencyChoice[];
  catalogNodes: readonly { id: string; agencyName: string; label: string }[];
  /** items a 政策解读 may explain */
  policies: readonly { itemId: string; title: string; note: string }[];
}

export interface DraftFormPageProps {
  ctx: PageContext;
  mode: 'create' | 'update';
  options: DraftFormOptions;
  values: DraftFormValues;
  errors: readonly FieldError[];
  /** edit only */
  item?: { id: string; title: string; revisionNo: number; attachments: readonly AttachmentRecord[] };
}

const TOPIC_OPTIONS = TOPICS.flatMap((t) => [{ value: t.id, label: t.name }, ...t.children.map((c) => ({ value: c.id, label: `${t.name} / ${c.name}` }))]);

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / (1024 * 104.8576)) / 10} MB`;
}

export function DraftFormPage(p: DraftFormPageProps) {
  const v = p.values;
  const err = (name: string) => fieldErrorFor(p.errors, name);
  const isRevision = (p.item?.revisionNo ?? 1) > 1;
  const title = p.mode === 'create' ? '新建政府信息' : `修改稿件：${p.item?.title ?? ''}`;
  const action = p.mode === 'create' ? `${ITEMS_PATH}/new` : `${itemHref(p.item?.id ?? '')}/edit`;
  const crumbs = [{ label: '政府信息', href: ITEMS_PATH }, ...(p.item ? [{ label: p.item.title, href: itemHref(p.item.id) }] : []), { label: p.mode === 'create' ? '新建' : '修改' }];
  return (
    <ConsoleLayout ctx={p.ctx} title={title} crumbs={crumbs}>
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        {p.mode === 'update' && <input type="hidden" name="version" value={v.version} />}
        {p.mode === 'create' ? (
          <SelectField name="agencyId" label="发布机构" options={p.options.agencies.map((a) => ({ value: a.id, label: a.name }))} value={v.agencyId} error={err('agencyId')} required hint="政策解读不选时，默认为所解读政策的起草机关（谁起草、谁解读）。" />
        ) : null}
        <TextField name="title" label="标题" value={v.title} error={err('title')} required maxLength={300} />
        <CheckboxGroup name="coIssuerAgencyIds" legend="联合发文机关" hint="联合发文时勾选其他发文机关。" choices={p.options.coIssuers.map((a) => ({ value: a.id, label: a.name }))} checked={v.coIssuerAgencyIds} error={err('coIssuerAgencyIds')} />
        <TextField name="documentNumber" label="发文字号" value={v.documentNumber} error={err('documentNumber')} width="medium" maxLength={60} hint="如 渝府办发〔2018〕76号；[ ] 和 ( ) 会自动改为〔〕。规章填写政府令号。" />
        <TextField name="writtenDate" label="成文日期" type="date" value={v.writtenDate} error={err('writtenDate')} required width="medium" hint="格式：2018-06-06。自成文之日起 20 个工作日内须公开（条例第二十六条）。" />
        <TextField name="recipients" label="主送机关" value={v.recipients} error={err('recipients')} maxLength={500} />
        <SelectField name="subject" label="主题分类" options={TOPIC_OPTIONS} value={v.subject} error={err('subject')} required placeholder="请选择" />
        <SelectField name="genre" label="体裁" options={GENRES.map((g) => ({ value: g.id, label: g.name }))} value={v.genre} error={err('genre')} required placeholder="请选择" />
        <CheckboxGroup name="policyTags" legend="五类政策信息" choices={POLICY_CATEGORIES.map((c) => ({ value: c.id, label: c.name }))} checked={v.policyTags} error={err('policyTags')} />
        <TextField name="keywords" label="关键词" value={v.keywords} error={err('keywords')} hint="多个关键词用逗号或空格分隔，最多 10 个。" />
        <TextArea name="summary" label="内容概述" value={v.summary} error={err('summary')} rows={3} maxLength={500} />
        <TextArea name="bodyHtml" label="正文（HTML）" value={v.bodyHtml} error={err('bodyHtml')} rows={16} hint="保存时按白名单清理：脚本、事件属性和外站内嵌框架会被去除。" />

        <fieldset>
          <legend>公开属性</legend>
          <SelectField name="disclosureMode" label="公开属性" options={DISCLOSURE_MODES.map((m) => ({ value: m.id, label: m.name }))} value={v.disclosureMode} error={err('disclosureMode')} required hint="以公开为常态、不公开为例外。" />
          <SelectField name="withholdReason" label="不予公开的法定理由" options={WITHHOLDING_REASONS.map((r) => ({ value: r.id, label: withholdingReasonLabel(r.id) }))} value={v.withholdReason} error={err('withholdReason')} placeholder="（不予公开时选择）" />
          <TextArea name="withholdNote" label="不主动公开的理由" value={v.withholdNote} error={err('withholdNote')} rows={2} hint="选择依申请公开时填写。" />
        </fieldset>

        <fieldset>
          <legend>政策与解读</legend>
          <CheckboxField name="isMajorPolicy" label="重大政策（须与政策解读同步发布）" checked={v.isMajorPolicy} error={err('isMajorPolicy')} />
          <SelectField name="interpretationForm" label="解读形式" options={INTERPRETATION_FORMS.map((f) => ({ value: f.id, label: f.name }))} value={v.interpretationForm} error={err('interpretationForm')} placeholder="（体裁为政策解读时选择）" />
          <CheckboxGroup name="interpretsItemIds" legend="所解读的政策" hint="体裁为政策解读时勾选。" choices={p.options.policies.map((x) => ({ value: x.itemId, label: x.title, hint: x.note }))} checked={v.interpretsItemIds} error={err('interpretsItemIds')} empty="暂无可关联的政策。" />
        </fieldset>

        <CheckboxGroup name="catalogNodeIds" legend="主动公开目录栏目" choices={p.options.catalogNodes.map((n) => ({ value: n.id, label: n.label, hint: n.agencyName }))} checked={v.catalogNodeIds} error={err('catalogNodeIds')} empty="发文机关尚无目录栏目。" />

        {isRevision && (
          <fieldset>
            <legend>修订说明</legend>
            <TextArea name="changeNote" label="修改说明" value={v.changeNote} error={err('changeNote')} rows={3} hint="公众在信息页的修改记录中会看到这段说明。" />
            <CheckboxField name="isMinorChange" label="细微修改（如错别字），无需修改说明" checked={v.isMinorChange} error={err('isMinorChange')} />
          </fieldset>
        )}
        {err('form') && <p class="field-error">{err('form')}</p>}
        <button type="submit" class="button">
          保存草稿
        </button>{' '}
        <a href={p.item ? itemHref(p.item.id) : ITEMS_PATH}>取消</a>
      </form>

      {p.item && (
        <section aria-labelledby="attachments-title">
          <h2 id="attachments-title">附件</h2>
          {p.item.attachments.length === 0 ? (
            <p class="empty">暂无附件。</p>
          ) : (
            <ul>
              {p.item.attachments.map((a) => (
                <li key={a.id}>
                  {a.filename}（{formatSize(a.sizeBytes)}）
                  <form method="post" action={`${itemHref(p.item?.id ?? '')}/attachments/${a.id}/remove`} class="inline-form">
                    <CsrfField token={p.ctx.csrfToken} />
                    <button type="submit" class="button button--link">
                      删除附件“{a.filename}”
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action={`${itemHref(p.item.id)}/attachments`} enctype="multipart/form-data">
            <CsrfField token={p.ctx.csrfToken} />
            <div class={`field${err('file') ? ' field--error' : ''}`}>
              <label for="field-file">添加附件</label>
              <p class="field-hint" id="field-file-hint">
                支持 PDF、DOCX、XLSX、OFD 和图片，按文件内容识别类型。
              </p>
              {err('file') && (
                <p class="field-error" id="field-file-error">
                  <span class="visually-hidden">错误：</span>
                  {err('file')}
                </p>
              )}
              <input id="field-file" name="file" type="file" class="input" aria-describedby={err('file') ? 'field-file-hint field-file-error' : 'field-file-hint'} aria-invalid={err('file') ? 'true' : undefined} />
            </div>
            <button type="submit" class="button button--secondary">
              上传附件
            </button>
          </form>
        </section>
      )}
    </ConsoleLayout>
  );
}
