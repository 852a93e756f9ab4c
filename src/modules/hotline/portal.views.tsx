// 12345 public pages: how to reach the hotline with the web form, the ticket lookup, and the 市长信箱 with published
// letters and the interaction figures (国办秘函〔2019〕19号: 留言时间 and 答复时间 shown; 单项否决 for > 3 months).
// Server-rendered, no script needed; every form keeps the input and lists every field error at once.
import type { FieldError } from '../../platform/http/errors.ts';
import { sizeText } from '../../platform/http/multipart.ts';
import { CheckboxField, CsrfField, ErrorSummary, fieldErrorFor, fieldId, Pagination, ReceiptBanner, SelectField, TextArea, TextField, type SelectOption } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/context.ts';
import { PortalLayout, type Crumb } from '../../platform/views/layout.tsx';
import { formatRate, type MailboxFigures } from './deadlines.ts';
import type { HotlineConfig } from './hotline.config.ts';
import { CONFIDENTIALITY, TICKET_TYPES, categoryLabel, leafCategories, type Confidentiality, type TicketType } from './taxonomy.ts';
import type { PublicLetter, TrackedTicket } from './tickets.public.ts';

export type FormValues = Record<string, string>;

const CRUMBS: Crumb[] = [
  { label: '首页', href: '/' },
  { label: '互动交流', href: '/hotline' },
];

const TYPE_OPTIONS: SelectOption[] = (Object.keys(TICKET_TYPES) as TicketType[]).map((t) => ({ value: t, label: TICKET_TYPES[t] }));
const CATEGORY_OPTIONS: SelectOption[] = leafCategories().map((c) => ({ value: c.code, label: categoryLabel(c.code) }));
const CONFIDENTIALITY_OPTIONS: SelectOption[] = (Object.keys(CONFIDENTIALITY) as Confidentiality[]).map((c) => ({ value: c, label: CONFIDENTIALITY[c] }));

/** 2025-10-23 14:05 in Shanghai time. */
export function formatTime(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

function ContactFields({ values, errors }: { values: FormValues; errors: readonly FieldError[] }) {
  const e = (n: string) => fieldErrorFor(errors, n);
  return (
    <fieldset class="field">
      <legend>联系方式</legend>
      <p class="field-hint">联系方式只用于承办单位与您联系和回访，不会公开（GB/T 33358-2016）。不留联系方式也可以提交，但无法回访。</p>
      <TextField name="contactName" label="姓名" value={values.contactName} error={e('contactName')} maxLength={50} autocomplete="name" />
      <TextField name="contactPhone" label="联系电话" type="tel" value={values.contactPhone} error={e('contactPhone')} maxLength={20} autocomplete="tel" inputMode="tel" />
      <TextField name="contactEmail" label="电子邮箱" type="email" value={values.contactEmail} error={e('contactEmail')} maxLength={100} autocomplete="email" />
      <SelectField name="confidentiality" label="保密要求" options={CONFIDENTIALITY_OPTIONS} value={values.confidentiality || 'standard'} error={e('confidentiality')} required />
    </fieldset>
  );
}

/** What the web form's files may weigh: each (MAX_UPLOAD_MB) and all together (PUBLIC_UPLOAD_MB), bytes. */
export interface UploadLimits {
  each: number;
  total: number;
}

/** Up to 3 pictures or PDFs (checked by content on the server); a browser cannot keep chosen files across a failed post. */
function AttachmentsField({ error, limits }: { error?: string | undefined; limits: UploadLimits }) {
  const id = fieldId('attachments');
  const sizes = limits.each < limits.total ? `每个不超过 ${sizeText(limits.each)}，合计不超过 ${sizeText(limits.total)}` : `合计不超过 ${sizeText(limits.total)}`;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>
        图片或文件<span class="optional">（选填）</span>
      </label>
      <p class="field-hint" id={`${id}-hint`}>
        最多 3 个，JPG、PNG 图片或 PDF 文件，{sizes}；只有12345和承办单位工作人员能看到。如页面提示有误，需要重新选择文件。
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      <input
        id={id}
        name="attachments"
        type="file"
        class="input"
        multiple
        accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      />
    </div>
  );
}

/** A random hidden field: the same post twice (a double click) makes one ticket. */
function FormToken({ token }: { token: string }) {
  return <input type="hidden" name="formToken" value={token} />;
}

export function HotlinePage(p: { ctx: PageContext; values: FormValues; errors: readonly FieldError[]; districts: SelectOption[]; config: HotlineConfig; formToken: string; uploadLimits: UploadLimits }) {
  const e = (n: string) => fieldErrorFor(p.errors, n);
  const max = p.config.text.descriptionMaxLength;
  return (
    <PortalLayout ctx={p.ctx} title="12345政务服务便民热线" columnName="12345热线" columnType="互动交流" crumbs={[CRUMBS[0] as Crumb, { label: '12345热线' }]}>
      <h1>12345政务服务便民热线</h1>
      <p>咨询、求助、投诉、举报、建议，一个号码都能办：12345 统一受理，按职责派给承办单位，限时办理、答复并回访。</p>
      <section aria-labelledby="reach-title">
        <h2 id="reach-title">怎样联系12345</h2>
        <ul>
          <li>
            拨打电话 <strong>12345</strong>（全天 24 小时，节假日不休）。
          </li>
          <li>在本页下方填写网上诉求表。</li>
          <li>
            给市长写信：<a href="/hotline/mailbox">市长信箱</a>。
          </li>
          <li>
            手机应用和小程序通过 <a href="#open311">Open311 接口</a>提交。
          </li>
          <li>
            已提交的诉求可<a href="/hotline/track">查询办理进度</a>。
          </li>
        </ul>
        <p>遇到火灾、治安、急救、交通事故等紧急情况，请直接拨打 110、119、120、122。</p>
      </section>
      <section aria-labelledby="form-title">
        <h2 id="form-title">网上提交诉求</h2>
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/hotline" enctype="multipart/form-data" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <FormToken token={p.formToken} />
          <SelectField name="type" label="诉求类型" options={TYPE_OPTIONS} value={p.values.type} error={e('type')} required placeholder="请选择" />
          <SelectField name="categoryCode" label="诉求类别" hint="不确定可以不选，由12345工作人员分类" options={CATEGORY_OPTIONS} value={p.values.categoryCode} error={e('categoryCode')} placeholder="请选择" />
          <SelectField name="districtCode" label="所在区县" options={p.districts} value={p.values.districtCode} error={e('districtCode')} placeholder="请选择" />
          <TextField name="address" label="事发地点" hint="例如：渝中区民族路 100 号门口" value={p.values.address} error={e('address')} maxLength={200} autocomplete="street-address" />
          <TextArea name="content" label="诉求内容" hint={`请写明时间、地点、经过和您的诉求，不超过 ${max} 字`} value={p.values.content} error={e('content')} required maxLength={max} rows={8} />
          <AttachmentsField error={e('attachments')} limits={p.uploadLimits} />
          <ContactFields values={p.values} errors={p.errors} />
          <button type="submit" class="button button--primary">
            提交诉求
          </button>
        </form>
      </section>
      <section aria-labelledby="open311">
        <h2 id="open311">应用开发者：Open311 接口</h2>
        <p>
          本平台实现 Open311 GeoReport v2 标准（JSON 和 XML），为其他城市编写的 311 应用无需修改即可接入。接口地址见
          <a href="/open311/v2/discovery.json">discovery.json</a>，服务目录见 <a href="/open311/v2/services.json">services.json</a>。提交诉求需要
          API 密钥，由12345中心按客户端签发，请通过本站联系方式申请。坐标使用 WGS84；诉求人的联系方式不会出现在任何查询结果中。
        </p>
      </section>
    </PortalLayout>
  );
}

export function ReceiptPage(p: { ctx: PageContext; number: string; queryCode: string; kind: 'hotline' | 'mailbox'; notice: string }) {
  const isLetter = p.kind === 'mailbox';
  const title = isLetter ? '来信已提交' : '诉求已提交';
  return (
    <PortalLayout ctx={p.ctx} title={title} columnName={isLetter ? '市长信箱' : '12345热线'} columnType="互动交流" crumbs={[...CRUMBS, { label: title }]}>
      <h1>{title}</h1>
      <ReceiptBanner title="受理回执" numberLabel="工单编号" number={p.number} queryCode={p.queryCode} />
      <p>请保存工单编号和查询码，查询码只显示这一次。{p.notice}</p>
      <p>
        <a href="/hotline/track">查询办理进度</a>
      </p>
    </PortalLayout>
  );
}

export function TrackPage(p: { ctx: PageContext; values: FormValues; errors: readonly FieldError[]; result: TrackedTicket | null }) {
  const r = p.result;
  return (
    <PortalLayout ctx={p.ctx} title="查询诉求办理进度" columnName="12345热线" columnType="互动交流" crumbs={[...CRUMBS, { label: '查询办理进度' }]}>
      <h1>查询诉求办理进度</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/hotline/track" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextField name="number" label="工单编号" hint="14 位数字，见受理回执或短信" value={p.values.number} error={fieldErrorFor(p.errors, 'number')} required maxLength={20} inputMode="numeric" />
        <TextField name="code" label="查询码" hint="6 位字母和数字" value={p.values.code} error={fieldErrorFor(p.errors, 'code')} required maxLength={12} autocomplete="off" width="short" />
        <button type="submit" class="button button--primary">
          查询
        </button>
      </form>
      {r && (
        <section aria-labelledby="track-title">
          <h2 id="track-title">工单 {r.number}</h2>
          <table class="table">
            <tbody>
              <tr>
                <th scope="row">办理环节</th>
                <td id="track-stage">{r.stage}</td>
              </tr>
              <tr>
                <th scope="row">诉求类别</th>
                <td>{r.request.service_name ?? '待分类'}</td>
              </tr>
              <tr>
                <th scope="row">承办单位</th>
                <td>{r.request.agency_responsible ?? '待派单'}</td>
              </tr>
              <tr>
                <th scope="row">诉求内容</th>
                <td>{r.request.description}</td>
              </tr>
              <tr>
                <th scope="row">办理情况</th>
                <td id="track-notes">{r.request.status_notes}</td>
              </tr>
              {r.request.expected_datetime && (
                <tr>
                  <th scope="row">办理期限</th>
                  <td>{formatTime(new Date(r.request.expected_datetime))} 前</td>
                </tr>
              )}
            </tbody>
          </table>
          <h3>办理过程</h3>
          <ol>
            {r.timeline.map((t, i) => (
              <li key={i}>
                <time dateTime={t.at.toISOString()}>{formatTime(t.at)}</time> {t.name}
              </li>
            ))}
          </ol>
        </section>
      )}
    </PortalLayout>
  );
}

function Figures({ figures, config }: { figures: MailboxFigures; config: HotlineConfig }) {
  const n = config.publicInteraction.answeredWithinWorkdays;
  const veto = config.publicInteraction.unansweredVetoMonths;
  const oldest = figures.oldestUnanswered;
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">答复情况</h2>
      <table class="table">
        <tbody>
          <tr>
            <th scope="row">{n} 个工作日内答复率</th>
            <td id="figure-answered">
              {formatRate(figures.answeredWithin)}（{figures.answeredWithin.numerator} / {figures.answeredWithin.denominator}）
            </td>
          </tr>
          <tr>
            <th scope="row">最久未答复的来信</th>
            <td id="figure-oldest">{oldest ? `${formatTime(oldest.receivedAt)} 收到，已 ${oldest.days} 天` : '没有未答复的来信'}</td>
          </tr>
          <tr>
            <th scope="row">超过 {veto} 个月未答复</th>
            <td id="figure-veto">{figures.vetoLetters.length} 件</td>
          </tr>
        </tbody>
      </table>
      <p class="field-hint">{figures.answeredWithin.formula}</p>
    </section>
  );
}

export function MailboxPage(p: {
  ctx: PageContext;
  letters: { total: number; page: number; pageSize: number; rows: PublicLetter[] };
  figures: MailboxFigures;
  config: HotlineConfig;
  values: FormValues;
  errors: readonly FieldError[];
  formToken: string;
}) {
  const e = (n: string) => fieldErrorFor(p.errors, n);
  const pageCount = Math.max(1, Math.ceil(p.letters.total / p.letters.pageSize));
  const max = p.config.text.descriptionMaxLength;
  return (
    <PortalLayout ctx={p.ctx} title="市长信箱" columnName="市长信箱" columnType="互动交流" crumbs={[...CRUMBS, { label: '市长信箱' }]}>
      <h1>市长信箱</h1>
      <p>来信由12345统一受理、转承办单位办理。经来信人同意公开、且答复已审核办结的来信，在去除个人信息后公开如下。</p>
      <Figures figures={p.figures} config={p.config} />
      <section aria-labelledby="letters-title">
        <h2 id="letters-title">来信选登</h2>
        {p.letters.rows.length === 0 ? (
          <p>暂无公开的来信。</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">留言时间</th>
                <th scope="col">答复时间</th>
                <th scope="col">答复单位</th>
              </tr>
            </thead>
            <tbody>
              {p.letters.rows.map((l) => (
                <tr key={l.number}>
                  <td>
                    <a href={`/hotline/mailbox/${l.number}`}>{l.title}</a>
                  </td>
                  <td>{formatTime(l.receivedAt)}</td>
                  <td>{formatTime(l.repliedAt)}</td>
                  <td>{l.agencyName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination page={p.letters.page} pageCount={pageCount} hrefFor={(n) => `/hotline/mailbox?page=${n}`} />
      </section>
      <section aria-labelledby="write-title">
        <h2 id="write-title">给市长写信</h2>
        <ErrorSummary errors={p.errors} />
        <form method="post" action="/hotline/mailbox" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <FormToken token={p.formToken} />
          <SelectField name="type" label="来信类型" options={TYPE_OPTIONS} value={p.values.type} error={e('type')} required placeholder="请选择" />
          <TextField name="title" label="标题" value={p.values.title} error={e('title')} required maxLength={100} />
          <TextArea name="content" label="来信内容" hint={`不超过 ${max} 字`} value={p.values.content} error={e('content')} required maxLength={max} rows={8} />
          <ContactFields values={p.values} errors={p.errors} />
          <CheckboxField name="publishConsent" label="同意在去除个人信息后公开来信和答复" checked={p.values.publishConsent === '1'} error={e('publishConsent')} />
          <button type="submit" class="button button--primary">
            提交来信
          </button>
        </form>
      </section>
    </PortalLayout>
  );
}

export function LetterPage({ ctx, letter }: { ctx: PageContext; letter: PublicLetter }) {
  return (
    <PortalLayout ctx={ctx} title={letter.title} columnName="市长信箱" columnType="互动交流" crumbs={[...CRUMBS, { label: '市长信箱', href: '/hotline/mailbox' }, { label: letter.title }]}>
      <h1>{letter.title}</h1>
      <table class="table">
        <tbody>
          <tr>
            <th scope="row">工单编号</th>
            <td>{letter.number}</td>
          </tr>
          <tr>
            <th scope="row">留言时间</th>
            <td>{formatTime(letter.receivedAt)}</td>
          </tr>
          <tr>
            <th scope="row">答复时间</th>
            <td>{formatTime(letter.repliedAt)}</td>
          </tr>
          <tr>
            <th scope="row">答复单位</th>
            <td>{letter.agencyName ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      <h2>来信内容</h2>
      <p id="letter-content">{letter.content}</p>
      <h2>答复内容</h2>
      <p id="letter-reply">{letter.reply}</p>
    </PortalLayout>
  );
}
