// The hotline desks' pages: the desk (queues and lists), the call form, and a ticket with one form per verb the actor
// may take now. Field names inside verb forms are prefixed with the verb (`reply.text`) so every id is unique.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../platform/http/errors.ts';
import { ConsoleLayout } from '../../platform/views/console-layout.tsx';
import { Button, CsrfField, DataTable, ErrorSummary, fieldErrorFor, fieldId, SelectField, StatusTag, TextArea, TextField, type StatusTone } from '../../platform/views/components.tsx';
import type { PageContext } from '../../platform/views/context.ts';
import { categoryOptions, HOTLINE_CONSOLE_PATH } from './console.http.ts';
import type { Desk, DeskList, TicketPage } from './console.service.ts';
import type { DueState } from './deadlines.ts';
import type { District } from './directory.service.ts';
import { CONTACT_OUTCOMES, SUPERVISE_GROUNDS, TICKET_STATES, TICKET_TRANSITIONS, type TicketState, type TicketVerb } from './hotline.workflow.ts';
import {
  CHANNELS,
  CONFIDENTIALITY,
  DECLINE_REASONS,
  EMERGENCY_LINES,
  RESOLUTIONS,
  SATISFACTIONS,
  TICKET_TYPES,
  URGENCIES,
  VISIT_WAIVERS,
  categoryLabel,
} from './taxonomy.ts';
import { CLOCK_NAMES, type QueueRow } from './tickets.service.ts';
import type { TicketAttachmentRow, TicketRow } from './tickets.tables.ts';

export const TICKETS_PATH = `${HOTLINE_CONSOLE_PATH}/tickets`;
export const INTAKE_PATH = `${HOTLINE_CONSOLE_PATH}/intake`;
export const ticketHref = (id: string) => `${TICKETS_PATH}/${id}`;
const DESK_CRUMB = { label: '12345热线', href: HOTLINE_CONSOLE_PATH };

const STATE_TONE: Record<TicketState, StatusTone> = {
  submitted: 'pending',
  accepted: 'pending',
  dispatched: 'pending',
  signed: 'pending',
  handling: 'pending',
  extension_requested: 'warning',
  return_requested: 'warning',
  replied: 'pending',
  closed: 'success',
  visited: 'success',
  merged: 'neutral',
  declined: 'neutral',
  transferred: 'neutral',
  withdrawn: 'neutral',
};

export function StateTag({ state }: { state: TicketState }) {
  return <StatusTag label={TICKET_STATES[state]} tone={STATE_TONE[state]} />;
}

export function DueChip({ state }: { state: DueState }) {
  const cls = state.status === 'overdue' ? 'chip chip--overdue' : state.status === 'near_due' ? 'chip chip--due' : 'chip';
  return <strong class={cls}>{state.label}</strong>;
}

const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const optionsOfNamed = (o: Record<string, { name: string }>) => Object.entries(o).map(([value, v]) => ({ value, label: v.name }));

function TicketTable({ caption, rows, empty, clock }: { caption: string; rows: readonly TicketRow[]; empty: string; clock?: Map<string, QueueRow> }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        { header: '工单编号', cell: (r) => <a href={ticketHref(r.id)}>{r.number}</a> },
        { header: '类型', cell: (r) => `${TICKET_TYPES[r.type]}${r.urgency === 'urgent' ? '（紧急）' : ''}` },
        { header: '分类', cell: (r) => (r.categoryCode ? categoryLabel(r.categoryCode) : '未分类') },
        { header: '内容', cell: (r) => (r.content.length > 40 ? `${r.content.slice(0, 40)}…` : r.content) },
        { header: '状态', cell: (r) => <StateTag state={r.state} /> },
        ...(clock ? [{ header: '时限', cell: (r: TicketRow) => { const q = clock.get(r.id); return q ? <>{CLOCK_NAMES[q.clock.clock]} <DueChip state={q.clock.state} /></> : '—'; } }] : []),
      ]}
    />
  );
}

export function DeskPage(p: { ctx: PageContext; desk: Desk }) {
  const { desk } = p;
  const queue = (rows: QueueRow[]) => new Map(rows.map((q) => [q.ticket.id, q]));
  return (
    <ConsoleLayout ctx={p.ctx} title="12345热线" crumbs={[{ label: '12345热线' }]}>
      <h1>12345热线</h1>
      <ul class="link-list">
        {desk.isCenter && (
          <li>
            <a href={INTAKE_PATH} class="button">
              受理来电
            </a>
          </li>
        )}
        <li>
          <a href={`${HOTLINE_CONSOLE_PATH}/kb`}>知识库</a>
        </li>
        <li>
          <a href={`${HOTLINE_CONSOLE_PATH}/directory`}>派单目录</a>
        </li>
        <li>
          <a href={`${HOTLINE_CONSOLE_PATH}/supervision`}>统一监管（三率）</a>
        </li>
        {p.ctx.actor?.grants.some((g) => g.role === 'admin') && (
          <li>
            <a href={`${HOTLINE_CONSOLE_PATH}/api-keys`}>Open311 接口密钥</a>
          </li>
        )}
      </ul>
      <h2>已超期（{desk.overdue.length}）</h2>
      <TicketTable caption="已超期的工单" rows={desk.overdue.map((q) => q.ticket)} clock={queue(desk.overdue)} empty="没有超期工单。" />
      <h2>临期（{desk.nearDue.length}）</h2>
      <TicketTable caption="临期的工单" rows={desk.nearDue.map((q) => q.ticket)} clock={queue(desk.nearDue)} empty="没有临期工单。" />
      {desk.lists.map((l: DeskList) => (
        <section key={l.key} aria-labelledby={`list-${l.key}`}>
          <h2 id={`list-${l.key}`}>
            {l.title}（{l.total}）
          </h2>
          <TicketTable caption={l.title} rows={l.rows} empty="暂无工单。" />
        </section>
      ))}
    </ConsoleLayout>
  );
}

export type IntakeValues = Record<'channel' | 'type' | 'urgency' | 'categoryCode' | 'districtCode' | 'address' | 'title' | 'content' | 'contactName' | 'contactPhone' | 'confidentiality', string>;

export const EMPTY_INTAKE: IntakeValues = { channel: 'phone', type: '', urgency: 'normal', categoryCode: '', districtCode: '', address: '', title: '', content: '', contactName: '', contactPhone: '', confidentiality: 'standard' };

export function IntakePage(p: { ctx: PageContext; values: IntakeValues; errors: FieldError[]; districts: District[] }) {
  const v = p.values;
  const e = (f: string) => fieldErrorFor(p.errors, f);
  const channels = Object.entries(CHANNELS).filter(([, c]) => !c.open311).map(([value, c]) => ({ value, label: c.name }));
  return (
    <ConsoleLayout ctx={p.ctx} title="受理来电" crumbs={[DESK_CRUMB, { label: '受理来电' }]}>
      <h1>受理来电</h1>
      <p>如来电涉及正在发生的违法犯罪、火灾、急病或交通事故，请立即转接110、119、120或122。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={INTAKE_PATH} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <SelectField name="channel" label="受理渠道" required options={channels} value={v.channel} error={e('channel')} />
        <SelectField name="type" label="诉求类型" required options={options(TICKET_TYPES)} value={v.type} placeholder="请选择" error={e('type')} />
        <SelectField name="urgency" label="紧急程度" required options={options(URGENCIES)} value={v.urgency} error={e('urgency')} />
        <SelectField name="categoryCode" label="诉求分类" options={categoryOptions(true)} value={v.categoryCode} placeholder="请选择" error={e('categoryCode')} hint="派单前必须确定分类。" />
        <SelectField name="districtCode" label="所在区县" options={p.districts.map((d) => ({ value: d.divisionCode, label: d.name }))} value={v.districtCode} placeholder="请选择" error={e('districtCode')} />
        <TextField name="address" label="地址" maxLength={200} value={v.address} error={e('address')} />
        <TextField name="title" label="标题" maxLength={100} value={v.title} error={e('title')} />
        <TextArea name="content" label="诉求内容" required rows={6} maxLength={4000} value={v.content} error={e('content')} />
        <TextField name="contactName" label="来电人姓名" maxLength={50} value={v.contactName} error={e('contactName')} autocomplete="off" />
        <TextField name="contactPhone" label="联系电话" type="tel" maxLength={30} value={v.contactPhone} error={e('contactPhone')} autocomplete="off" />
        <SelectField name="confidentiality" label="保密要求" required options={options(CONFIDENTIALITY)} value={v.confidentiality} error={e('confidentiality')} hint="来电人要求完全保密的，承办单位看不到其身份，内容不公开（GB/T 33358-2016）。" />
        <Button>受理</Button>
      </form>
    </ConsoleLayout>
  );
}

// --- the ticket page ---------------------------------------------------------------------------------------------

export interface VerbFailure {
  verb: string;
  errors: FieldError[];
  values: Record<string, string | string[]>;
}

const VERB_HINTS: Partial<Record<TicketVerb, string>> = {
  dispatch: '按推荐或自选主办单位派单；可同时指定协办单位。',
  answerDirectly: '只有咨询类工单可以由坐席直接答复。',
  requestReturn: '不属于本单位职责的，在退单时限内说明理由申请退单，由热线中心审核后改派或退回。',
  reopen: '回访不满意且经核实诉求合理的，重新派单办理。',
  urge: '对临期或超期工单催办。',
};

function VerbSection({ verb, ctx, id, version, failure, children, danger }: { verb: TicketVerb; ctx: PageContext; id: string; version: number; failure: VerbFailure | null; children?: ComponentChildren; danger?: boolean }) {
  const title = TICKET_TRANSITIONS[verb].name;
  return (
    <section class="verb" aria-labelledby={`verb-${verb}`}>
      <h3 id={`verb-${verb}`}>{title}</h3>
      {VERB_HINTS[verb] && <p class="field-hint">{VERB_HINTS[verb]}</p>}
      {failure?.verb === verb && <ErrorSummary errors={failure.errors} />}
      <form method="post" action={`${ticketHref(id)}/${verb}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(version)} />
        {children}
        <Button kind={danger ? 'danger' : 'primary'}>{title}</Button>
      </form>
    </section>
  );
}

function VerbFields({ verb, page, failure }: { verb: TicketVerb; page: TicketPage; failure: VerbFailure | null }) {
  const mine = failure?.verb === verb ? failure : null;
  const val = (f: string) => {
    const x = mine?.values[`${verb}.${f}`];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  const err = (f: string) => fieldErrorFor(mine?.errors, `${verb}.${f}`);
  const n = (f: string) => `${verb}.${f}`;
  const t = page.detail.ticket;
  const reason = (label: string) => <TextArea name={n('reason')} label={label} required rows={3} maxLength={500} value={val('reason')} error={err('reason')} />;
  const note = (label: string, required = true) => <TextArea name={n('note')} label={label} required={required} rows={3} maxLength={500} value={val('note')} error={err('note')} />;
  switch (verb) {
    case 'accept':
    case 'sign':
    case 'approve':
      return null;
    case 'decline':
      return (
        <>
          <SelectField name={n('reason')} label="不予受理理由" required options={optionsOfNamed(DECLINE_REASONS)} value={val('reason')} placeholder="请选择" error={err('reason')} />
          {note('说明', false)}
        </>
      );
    case 'answerDirectly':
      return <TextArea name={n('answer')} label="答复内容" required rows={5} maxLength={4000} value={val('answer')} error={err('answer')} />;
    case 'transferEmergency':
      return (
        <>
          <SelectField name={n('line')} label="转接号码" required options={options(EMERGENCY_LINES)} value={val('line') || (page.emergency[0]?.line ?? '')} placeholder="请选择" error={err('line')} />
          {note('转接情况', false)}
        </>
      );
    case 'merge':
      return (
        <fieldset class="field">
          <legend>并入工单</legend>
          {err('targetId') && <p class="field-error" id={`${fieldId(n('targetId'))}-error`}>{err('targetId')}</p>}
          {page.duplicates.length === 0 && <p>未发现疑似重复的工单。</p>}
          {page.duplicates.map((d, i) => (
            <div class="field field--radio" key={d.ticket.id}>
              <input type="radio" id={i === 0 ? fieldId(n('targetId')) : `${fieldId(n('targetId'))}-${i}`} name={n('targetId')} value={d.match.mergeIntoId} checked={i === 0} />
              <label for={i === 0 ? fieldId(n('targetId')) : `${fieldId(n('targetId'))}-${i}`}>
                {d.ticket.number}：{d.match.reasons.join('，')}
              </label>
            </div>
          ))}
        </fieldset>
      );
    case 'dispatch':
    case 'reassign':
      return <DispatchFields verb={verb} page={page} values={mine?.values ?? {}} errors={mine?.errors ?? []} />;
    case 'contact':
      return (
        <>
          <SelectField name={n('outcome')} label="联系结果" required options={options(CONTACT_OUTCOMES)} value={val('outcome')} placeholder="请选择" error={err('outcome')} />
          {note('联系情况')}
        </>
      );
    case 'requestExtension':
      return (
        <>
          <TextField name={n('workdays')} label="延期工作日数" required type="number" inputMode="numeric" width="short" value={val('workdays')} error={err('workdays')} />
          {reason('延期理由')}
        </>
      );
    case 'approveExtension':
      return <TextField name={n('workdays')} label="批准延期工作日数" required type="number" inputMode="numeric" width="short" value={val('workdays') || String(t.pendingExtensionWorkdays ?? '')} error={err('workdays')} />;
    case 'reply':
      return <TextArea name={n('text')} label="答复内容" required rows={6} maxLength={4000} value={val('text')} error={err('text')} hint="答复将经隐私检查后公开（完全保密的工单不公开）。" />;
    case 'visit':
      return (
        <>
          <SelectField name={n('satisfaction')} label="满意度" required options={options(SATISFACTIONS)} value={val('satisfaction')} placeholder="请选择" error={err('satisfaction')} />
          <SelectField name={n('resolution')} label="解决情况" required options={options(RESOLUTIONS)} value={val('resolution')} placeholder="请选择" error={err('resolution')} />
          {note('回访记录', false)}
        </>
      );
    case 'waiveVisit':
      return <SelectField name={n('reason')} label="免回访理由" required options={options(VISIT_WAIVERS)} value={val('reason')} placeholder="请选择" error={err('reason')} />;
    case 'urge':
      return note('催办意见');
    case 'supervise':
      return (
        <>
          <SelectField name={n('ground')} label="督办事由" required options={options(SUPERVISE_GROUNDS)} value={val('ground')} placeholder="请选择" error={err('ground')} />
          {note('督办意见')}
        </>
      );
    case 'unmerge':
      return reason('撤销并单理由');
    case 'requestReturn':
      return reason('退单理由');
    case 'rejectReturn':
      return reason('不予支持退单的理由');
    case 'rejectExtension':
      return reason('不予延期的理由');
    case 'rejectReply':
      return reason('退回理由');
    case 'reopen':
      return reason('重办理由（不满意核实情况）');
    case 'withdraw':
      return reason('撤回理由（诉求人申请）');
    default: {
      const never: never = verb;
      throw new Error(`unknown verb ${String(never)}`);
    }
  }
}

function DispatchFields({ verb, page, values, errors }: { verb: 'dispatch' | 'reassign'; page: TicketPage; values: Record<string, string | string[]>; errors: FieldError[] }) {
  const n = (f: string) => `${verb}.${f}`;
  const chosen = typeof values[n('leadAgencyId')] === 'string' ? (values[n('leadAgencyId')] as string) : (page.suggestions[0]?.agencyId ?? 'other');
  const other = typeof values[n('otherAgencyId')] === 'string' ? (values[n('otherAgencyId')] as string) : '';
  const assisting = (() => {
    const a = values[n('assistingAgencyIds')];
    if (a === undefined) return page.suggestions[0]?.assistingAgencyIds ?? [];
    return Array.isArray(a) ? a : [a];
  })();
  const leadError = fieldErrorFor(errors, n('leadAgencyId'));
  const assistError = fieldErrorFor(errors, n('assistingAgencyIds'));
  return (
    <>
      <fieldset class={`field${leadError ? ' field--error' : ''}`}>
        <legend>主办单位</legend>
        {leadError && (
          <p class="field-error" id={`${fieldId(n('leadAgencyId'))}-error`}>
            <span class="visually-hidden">错误：</span>
            {leadError}
          </p>
        )}
        {page.suggestions.map((s, i) => (
          <div class="field field--radio suggestion" key={s.agencyId}>
            <input type="radio" id={i === 0 ? fieldId(n('leadAgencyId')) : `${fieldId(n('leadAgencyId'))}-${i}`} name={n('leadAgencyId')} value={s.agencyId} checked={chosen === s.agencyId} />
            <label for={i === 0 ? fieldId(n('leadAgencyId')) : `${fieldId(n('leadAgencyId'))}-${i}`}>
              推荐 {i + 1}：{s.agencyName ?? s.agencyCode}（综合得分 {Math.round(s.score * 100)}）
            </label>
            <ul class="field-hint">
              {s.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </div>
        ))}
        <div class="field field--radio">
          <input type="radio" id={page.suggestions.length ? `${fieldId(n('leadAgencyId'))}-other` : fieldId(n('leadAgencyId'))} name={n('leadAgencyId')} value="other" checked={chosen === 'other'} />
          <label for={page.suggestions.length ? `${fieldId(n('leadAgencyId'))}-other` : fieldId(n('leadAgencyId'))}>其他单位（从下方选择）</label>
        </div>
        <SelectField name={n('otherAgencyId')} label="其他主办单位" options={page.agencies.map((a) => ({ value: a.id, label: a.name }))} value={other} placeholder="请选择" />
      </fieldset>
      <div class={`field${assistError ? ' field--error' : ''}`}>
        <label for={fieldId(n('assistingAgencyIds'))}>
          协办单位<span class="optional">（选填，可多选）</span>
        </label>
        {assistError && (
          <p class="field-error" id={`${fieldId(n('assistingAgencyIds'))}-error`}>
            <span class="visually-hidden">错误：</span>
            {assistError}
          </p>
        )}
        <select id={fieldId(n('assistingAgencyIds'))} name={n('assistingAgencyIds')} multiple size={4} class="input">
          {page.agencies.map((a) => (
            <option key={a.id} value={a.id} selected={assisting.includes(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

const DANGER_VERBS: readonly TicketVerb[] = ['decline', 'withdraw', 'transferEmergency'];

export function TicketPageView(p: { ctx: PageContext; page: TicketPage; failure: VerbFailure | null }) {
  const { detail } = p.page;
  const t = detail.ticket;
  const names = detail.agencyNames;
  const verbs = detail.actions;
  return (
    <ConsoleLayout ctx={p.ctx} title={`工单 ${t.number}`} crumbs={[DESK_CRUMB, { label: `工单 ${t.number}` }]}>
      <h1>工单 {t.number}</h1>
      <p>
        <StateTag state={t.state} /> {detail.clock && <>{CLOCK_NAMES[detail.clock.clock]}时限 <DueChip state={detail.clock.state} /></>}
      </p>
      {p.failure && !verbs.includes(p.failure.verb as TicketVerb) && <ErrorSummary errors={p.failure.errors} title="操作未能完成" />}
      {p.page.emergency.length > 0 && (
        <section class="banner banner--danger" aria-label="紧急情况提示">
          <h2 class="banner-title">可能需要转接紧急热线</h2>
          <div class="banner-body">
            {p.page.emergency.map((e) => (
              <p key={e.line}>
                {EMERGENCY_LINES[e.line]}：内容提到“{e.words.join('”“')}”
              </p>
            ))}
          </div>
        </section>
      )}
      <dl class="summary-list">
        <dt>类型</dt>
        <dd>
          {TICKET_TYPES[t.type]}（{URGENCIES[t.urgency]}）
        </dd>
        <dt>渠道</dt>
        <dd>{CHANNELS[t.channel].name}</dd>
        <dt>分类</dt>
        <dd>{t.categoryCode ? categoryLabel(t.categoryCode) : '未分类'}</dd>
        <dt>区县</dt>
        <dd>{p.page.districtName ?? '—'}</dd>
        <dt>地址</dt>
        <dd>{t.address ?? '—'}</dd>
        <dt>受理时间</dt>
        <dd>{t.receivedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</dd>
        <dt>来电人</dt>
        <dd>{t.contactName || t.contactPhone ? `${t.contactName ?? ''} ${t.contactPhone ?? ''}`.trim() : t.confidentiality === 'full' ? '（完全保密）' : '未留联系方式'}</dd>
        <dt>保密</dt>
        <dd>{CONFIDENTIALITY[t.confidentiality]}</dd>
        <dt>主办单位</dt>
        <dd>{t.leadAgencyId ? (names[t.leadAgencyId] ?? '—') : '—'}</dd>
        <dt>协办单位</dt>
        <dd>{t.assistingAgencyIds.map((a) => names[a] ?? a).join('、') || '—'}</dd>
        {detail.mergedIntoNumber && (
          <>
            <dt>已并入</dt>
            <dd>{detail.mergedIntoNumber}</dd>
          </>
        )}
        {t.satisfaction && (
          <>
            <dt>回访结果</dt>
            <dd>
              {SATISFACTIONS[t.satisfaction]}
              {t.resolution ? `，${RESOLUTIONS[t.resolution]}` : ''}
            </dd>
          </>
        )}
      </dl>
      {t.title && <h2>{t.title}</h2>}
      <h2>诉求内容</h2>
      <div class="prose">
        {t.content.split('\n').map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      {detail.attachments.length > 0 && <Attachments ticketId={t.id} rows={detail.attachments} />}
      {t.replyText && (
        <>
          <h2>答复</h2>
          <div class="prose">
            {t.replyText.split('\n').map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        </>
      )}
      {verbs.length > 0 && <h2>办理</h2>}
      {verbs.includes('answerDirectly') && p.page.answers.length > 0 && (
        <section aria-labelledby="kb-answers">
          <h3 id="kb-answers">知识库答复口径</h3>
          {p.page.answers.map((a) => (
            <div class="kb-answer" key={a.id}>
              <h4>{a.title}</h4>
              <p>{a.answer}</p>
              <p class="field-hint">
                维护单位：{a.ownerAgencyName}；下次审核：{a.reviewDueOn}
              </p>
              <form method="post" action={`${ticketHref(t.id)}/kb-answer`}>
                <CsrfField token={p.ctx.csrfToken} />
                <input type="hidden" name="version" value={String(t.version)} />
                <input type="hidden" name="entryId" value={a.id} />
                <Button kind="secondary">采用此口径直接答复</Button>
              </form>
            </div>
          ))}
        </section>
      )}
      {verbs
        .filter((v) => v !== 'merge' || p.page.duplicates.length > 0)
        .map((v) => (
          <VerbSection key={v} verb={v} ctx={p.ctx} id={t.id} version={t.version} failure={p.failure} danger={DANGER_VERBS.includes(v)}>
            <VerbFields verb={v} page={p.page} failure={p.failure} />
          </VerbSection>
        ))}
      <h2>办理记录</h2>
      <DataTable
        caption="办理记录"
        rows={detail.events}
        rowKey={(e) => e.id}
        empty="暂无记录。"
        columns={[
          { header: '时间', cell: (e) => e.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) },
          { header: '操作', cell: (e) => (e.verb in TICKET_TRANSITIONS ? TICKET_TRANSITIONS[e.verb as TicketVerb].name : e.verb === 'intake' ? '受理登记' : e.verb === 'attach' ? '上传附件' : e.verb) },
          { header: '状态', cell: (e) => TICKET_STATES[e.toState] },
          { header: '经办人', cell: (e) => e.actorLabel },
          { header: '说明', cell: (e) => eventNote(e.payload) },
        ]}
      />
    </ConsoleLayout>
  );
}

/** A stored file's staff-only download link (the route checks the same roles as this page). */
export const attachmentHref = (ticketId: string, attachmentId: string) => `${ticketHref(ticketId)}/attachments/${attachmentId}`;

function fileSize(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The ticket's files (stored: download for staff) and an app's picture links (Open311 media_url). Never shown publicly. */
function Attachments({ ticketId, rows }: { ticketId: string; rows: readonly TicketAttachmentRow[] }) {
  return (
    <section aria-labelledby="attachments-title">
      <h2 id="attachments-title">附件（{rows.length}）</h2>
      <ul id="ticket-attachments">
        {rows.map((a) =>
          a.storageKey ? (
            <li key={a.id}>
              <a href={attachmentHref(ticketId, a.id)} download={a.filename ?? undefined}>
                {a.filename ?? '附件'}
              </a>{' '}
              <span class="field-hint">
                {a.mime === 'application/pdf' ? 'PDF' : a.mime === 'image/png' ? 'PNG 图片' : a.mime === 'image/jpeg' ? 'JPEG 图片' : (a.mime ?? '')}，{fileSize(a.sizeBytes)}
              </span>
            </li>
          ) : (
            <li key={a.id}>
              图片链接（客户端提交）：
              <a href={a.mediaUrl ?? '#'} rel="noreferrer noopener">
                {a.mediaUrl}
              </a>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

function eventNote(payload: Record<string, unknown>): string {
  for (const k of ['reason', 'note', 'text', 'answer']) {
    const v = payload[k];
    if (typeof v === 'string' && v.trim()) return v.length > 80 ? `${v.slice(0, 80)}…` : v;
  }
  return '';
}
