// Clerk pages: the queue (overdue / due today / due within 3 working days), the 公开办 board, paper registration,
// and a request's page with its clock (every pause and extension a segment) and one form per allowed verb.
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../platform/http/errors.ts';
import { CheckboxField, CsrfField, ErrorSummary, fieldErrorFor, SelectField, StatusTag, TextArea, TextField, type SelectOption, type StatusTone } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { CONSULTATION_PARTIES, type ClockSegment, type DeadlineStatus } from '../deadlines.ts';
import { FEE_BASES, FEE_BASIS_IDS } from '../fees.ts';
import type { QueueRow } from '../requests.repository.ts';
import type { ConsoleRequest, Queue, QueueEntry } from '../requests.service.ts';
import { CONSULTATION_OPINIONS, REQUEST_STATES, REQUEST_TRANSITIONS, STAGE_OF, STAGES, type RequestState, type RequestVerb } from '../requests.workflow.ts';
import {
  APPLICANT_CATEGORIES,
  CHANNEL_IDS,
  CHANNELS,
  ID_TYPES,
  OUTCOMES,
  PROVISION_FORMS,
  REPLY_OUTCOME_CODES,
  REVIEW_CASE_KIND_IDS,
  REVIEW_CASE_KINDS,
  REVIEW_RESULT_IDS,
  REVIEW_RESULTS,
  SERVICE_MODE_IDS,
  SERVICE_MODES,
  WITHHOLD_REASON_IDS,
  WITHHOLD_REASONS,
  isOutcomeCode,
  type ApplicantCategory,
  type Channel,
  type IdType,
  type ProvisionForm,
} from '../taxonomy.ts';
import { ApplicantFields, FileField, type FormValues } from './portal-pages.tsx';

export const BASE = '/console/requests';
const CRUMB = { label: '依申请公开', href: BASE };

function stateTone(state: RequestState): StatusTone {
  if (state === 'replied' || state === 'served' || state === 'archived') return 'success';
  if (state === 'closed') return 'neutral';
  return 'pending';
}

export function DeadlineLabel({ d }: { d: DeadlineStatus }) {
  const cls = d.kind === 'overdue' ? 'chip chip--overdue' : d.kind === 'due_today' ? 'chip chip--due' : d.isDueSoon ? 'chip chip--soon' : 'chip';
  return <span class={cls}>{d.label}</span>;
}

function QueueTable({ caption, entries, id }: { caption: string; entries: readonly QueueEntry[]; id: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {caption}（{entries.length}）
      </h2>
      {entries.length === 0 ? (
        <p class="empty">没有。</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">申请编号</th>
                <th scope="col">机关</th>
                <th scope="col">申请人</th>
                <th scope="col">状态</th>
                <th scope="col">答复期限</th>
                <th scope="col">剩余</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(({ row, deadline }) => (
                <tr key={row.id}>
                  <td>
                    <a href={`${BASE}/${row.id}`}>{row.number}</a>
                  </td>
                  <td>{row.agencyName}</td>
                  <td>{row.applicantName}</td>
                  <td>
                    <StatusTag label={REQUEST_STATES[row.state]} tone={stateTone(row.state)} />
                    {row.isFlaggedExcessive && (
                      <>
                        {' '}
                        <StatusTag label="数量、频次超出合理范围" tone="warning" />
                      </>
                    )}
                  </td>
                  <td>{row.dueOn ?? '—'}</td>
                  <td>
                    <DeadlineLabel d={deadline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function QueuePage({ ctx, queue, canOverview }: { ctx: PageContext; queue: Queue; canOverview: boolean }) {
  return (
    <ConsoleLayout ctx={ctx} title="依申请公开" crumbs={[{ label: '依申请公开' }]}>
      <h1>依申请公开待办</h1>
      <p>
        今天：{queue.today}
        {queue.canRegister && (
          <>
            {' · '}
            <a href={`${BASE}/new`}>登记纸质或其他渠道的申请</a>
          </>
        )}
        {canOverview && (
          <>
            {' · '}
            <a href={`${BASE}/overview`}>各机关逾期情况</a>
          </>
        )}
      </p>
      <QueueTable id="q-overdue" caption="已逾期" entries={queue.overdue} />
      <QueueTable id="q-today" caption="今日到期" entries={queue.dueToday} />
      <QueueTable id="q-soon" caption="3 个工作日内到期" entries={queue.dueSoon} />
      <QueueTable id="q-other" caption="其他办理中" entries={queue.other} />
      <QueueTable id="q-confirm" caption="待确认收到（答复期限尚未起算）" entries={queue.awaitingConfirmation} />
      <section aria-labelledby="q-closed">
        <h2 id="q-closed">最近办结</h2>
        <ClosedTable rows={queue.closed} />
      </section>
    </ConsoleLayout>
  );
}

function ClosedTable({ rows }: { rows: readonly QueueRow[] }) {
  if (rows.length === 0) return <p class="empty">没有。</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">申请编号</th>
            <th scope="col">机关</th>
            <th scope="col">状态</th>
            <th scope="col">答复结果</th>
            <th scope="col">办结日期</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`${BASE}/${r.id}`}>{r.number}</a>
              </td>
              <td>{r.agencyName}</td>
              <td>{REQUEST_STATES[r.state]}</td>
              <td>{isOutcomeCode(r.outcomeCode) ? OUTCOMES[r.outcomeCode].label : '—'}</td>
              <td>{r.concludedOn ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OverviewPage({ ctx, today, rows }: { ctx: PageContext; today: string; rows: { agencyId: string; agencyName: string; open: number; overdue: number }[] }) {
  return (
    <ConsoleLayout ctx={ctx} title="各机关逾期情况" crumbs={[CRUMB, { label: '各机关逾期情况' }]}>
      <h1>各机关依申请公开逾期情况</h1>
      <p>截至 {today}，办理中的申请及其中已超过答复期限的件数。</p>
      {rows.length === 0 ? (
        <p class="empty">没有办理中的申请。</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">机关</th>
              <th scope="col" class="num">
                办理中
              </th>
              <th scope="col" class="num">
                已逾期
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.agencyId}>
                <td>{r.agencyName}</td>
                <td class="num">{r.open}</td>
                <td class="num">{r.overdue > 0 ? <strong class="chip chip--overdue">{r.overdue}</strong> : 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ConsoleLayout>
  );
}

const CHANNEL_OPTIONS: SelectOption[] = CHANNEL_IDS.map((c) => ({ value: c, label: CHANNELS[c].label }));

export function RegisterPage({ ctx, values, errors, agencies }: { ctx: PageContext; values: FormValues; errors: readonly FieldError[]; agencies: SelectOption[] }) {
  const e = (n: string) => fieldErrorFor(errors, n);
  return (
    <ConsoleLayout ctx={ctx} title="登记申请" crumbs={[CRUMB, { label: '登记申请' }]}>
      <h1>登记政府信息公开申请</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`${BASE}/new`} enctype="multipart/form-data" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <fieldset class="field">
          <legend>申请渠道与收到申请之日（条例 第三十一条；国办公开办函〔2015〕207号）</legend>
          <SelectField name="channel" label="申请渠道" options={CHANNEL_OPTIONS} value={values.channel} error={e('channel')} required placeholder="请选择" />
          <TextField name="submittedOn" type="date" label="提交之日（当面提交）" value={values.submittedOn} error={e('submittedOn')} />
          <TextField name="signedOn" type="date" label="签收之日（邮寄）" value={values.signedOn} error={e('signedOn')} />
          <TextField name="confirmedOn" type="date" label="双方确认之日（平信、网络、传真）" hint="平信须在收到当日与申请人电话确认" value={values.confirmedOn} error={e('confirmedOn')} />
          <TextField name="systemReceivedOn" type="date" label="系统接收之日（电子邮件）" value={values.systemReceivedOn} error={e('systemReceivedOn')} />
          <CheckboxField name="unreachable" label="平信等渠道暂时无法联系申请人确认（先登记，联系上之日起算）" checked={values.unreachable === '1'} />
        </fieldset>
        <ApplicantFields values={values} errors={errors} agencies={agencies} />
        <FileField name="identityProof" label="身份证明扫描件" hint="纸质申请可上传申请人身份证明的扫描件（PDF、OFD、PNG、JPEG）" error={e('identityProof')} />
        <button type="submit" class="button button--primary">
          登记
        </button>
      </form>
    </ConsoleLayout>
  );
}

const SEGMENT_LABELS: Record<ClockSegment['kind'], string> = {
  correction: '补正前（不计入，自收到补正之日重新起算）',
  period: '答复期限（20 个工作日）',
  extension: '延长期限',
  delay: '延迟答复期限（第三十五条）',
  pause: '征求意见（不计入期限）',
};

function segmentLabel(s: ClockSegment): string {
  if (s.kind === 'pause') return `${s.pause === 'fee' ? '待缴费（不计入期限）' : `${CONSULTATION_PARTIES[s.pause].label}（不计入期限，${CONSULTATION_PARTIES[s.pause].basis}）`}${s.open ? '，预计' : ''}`;
  return SEGMENT_LABELS[s.kind];
}

function Dl({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <table class="table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Errors of one verb form, with field names prefixed `<verb>-` so every id on the page is unique. */
export interface VerbErrors {
  verb: string;
  errors: FieldError[];
  values: Record<string, string>;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

export function RequestPage({ ctx, view, failed, letters }: { ctx: PageContext; view: ConsoleRequest; failed: VerbErrors | null; letters: boolean }) {
  const { request: r, applicant: a, clock } = view;
  const href = `${BASE}/${r.id}`;
  return (
    <ConsoleLayout ctx={ctx} title={`申请 ${r.number}`} crumbs={[CRUMB, { label: r.number }]}>
      <h1>
        申请 {r.number} <StatusTag label={REQUEST_STATES[r.state]} tone={stateTone(r.state)} />
      </h1>
      {failed && <ErrorSummary errors={failed.errors} />}
      <Dl
        rows={[
          ['受理机关', view.agency.name],
          ['办理环节（条例 第四十五条）', STAGES[STAGE_OF[r.state]]],
          ['申请渠道', CHANNELS[r.channel as Channel]?.label ?? r.channel],
          ['收到申请之日', r.receivedOn ?? '尚未确认'],
          ['答复期限', <span id="due-date">{r.dueOn ?? '—'}</span>],
          ['期限状态', <DeadlineLabel d={view.deadline} />],
          ['所需信息', r.description],
          ['文号', r.documentNumber ?? '—'],
          ['获取方式', PROVISION_FORMS[r.provisionForm as ProvisionForm] ?? r.provisionForm],
          ['答复结果', isOutcomeCode(r.outcomeCode) ? `${OUTCOMES[r.outcomeCode].label}（${r.repliedOn ?? ''}）` : '—'],
          ['已收信息处理费', `${r.feeCollectedYuan} 元`],
        ]}
      />
      {letters && isOutcomeCode(r.outcomeCode) && (
        <p>
          告知书：<a href={`${href}/letter.docx`}>下载 DOCX</a> · <a href={`${href}/letter.pdf`}>下载 PDF</a>
        </p>
      )}

      <section aria-labelledby="applicant-title">
        <h2 id="applicant-title">申请人（仅限办理人员查看）</h2>
        {a ? (
          <Dl
            rows={[
              ['类别', APPLICANT_CATEGORIES[r.applicantCategory as ApplicantCategory] ?? r.applicantCategory],
              ['姓名', a.name],
              ['组织名称', a.organizationName ?? '—'],
              [ID_TYPES[a.idType as IdType]?.label ?? '证件', a.idNumber],
              ['联系电话', a.phone],
              ['通信地址', a.address],
              ['电子邮箱', a.email ?? '—'],
              ['身份证明', a.identityFileKey ? <a href={`${href}/identity-proof`}>查看 {a.identityFileName}</a> : '未上传'],
              ['本月同一申请人申请件数（含本件）', `${view.priorInMonth + 1}${view.excessive?.isExcessive ? `（${view.excessive.reason ?? ''}）` : ''}`],
              ['已标记数量、频次明显超过合理范围', yesNo(r.isFlaggedExcessive)],
            ]}
          />
        ) : (
          <p class="empty">无申请人信息。</p>
        )}
      </section>

      <section aria-labelledby="clock-title">
        <h2 id="clock-title">答复期限的计算</h2>
        {clock.correctionNoticeDeadline && <p>补正告知最迟：{clock.correctionNoticeDeadline}（收到申请之日起 7 个工作日，条例 第三十条）</p>}
        {clock.segments.length === 0 ? (
          <p class="empty">{clock.status === 'awaiting_correction' ? `待补正，补正期限 ${clock.correctionDueOn ?? '—'}；收到补正后重新起算。` : '尚未起算。'}</p>
        ) : (
          <table class="table" id="clock-segments">
            <thead>
              <tr>
                <th scope="col">时段</th>
                <th scope="col">起</th>
                <th scope="col">止</th>
                <th scope="col" class="num">
                  工作日
                </th>
              </tr>
            </thead>
            <tbody>
              {clock.segments.map((s, i) => (
                <tr key={i}>
                  <td>{segmentLabel(s)}</td>
                  <td>{s.from}</td>
                  <td>{s.to}</td>
                  <td class="num">{s.workingDays}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          已延长 {clock.extensionWorkingDays} 个工作日（还可延长 {clock.extensionWorkingDaysLeft} 个）；征求意见暂停 {clock.pausedWorkingDays} 个工作日{clock.isProjected ? '（征求意见尚未结束，按满期预计）' : ''}。
        </p>
      </section>

      {view.verbs.length > 0 && (
        <section aria-labelledby="verbs-title">
          <h2 id="verbs-title">办理</h2>
          {view.verbs.map((v) => (
            <VerbForm key={v} verb={v} action={`${href}/${v}`} ctx={ctx} version={r.version} view={view} failed={failed?.verb === v ? failed : null} />
          ))}
        </section>
      )}
      {!view.canExtend && view.canHandle && ['processing', 'consulting', 'awaiting_fee'].includes(r.state) && <p class="muted">延长答复期限须经工作机构负责人批准（条例 第三十三条），请由负责人在本页操作。</p>}

      {view.canHandle && (r.outcomeCode === 'R-DISCLOSE' || r.outcomeCode === 'R-PARTIAL') && (
        <section aria-labelledby="todisclosure-title">
          <h2 id="todisclosure-title">转主动公开</h2>
          {r.disclosureItemId ? (
            <p>
              已生成政府信息草稿：<a href={`/console/items/${r.disclosureItemId}`}>查看</a>（发布前须通过个人信息检查）。
            </p>
          ) : (
            <form method="post" action={`${href}/to-disclosure`}>
              <CsrfField token={ctx.csrfToken} />
              <p class="muted">公开的信息可能被其他人申请的，可以转为主动公开：生成一份政府信息草稿，发布时经个人信息检查。</p>
              {failed?.verb === 'to-disclosure' && <p class="field-error">{failed.errors[0]?.message}</p>}
              <button type="submit" class="button button--secondary">
                生成主动公开草稿
              </button>
            </form>
          )}
        </section>
      )}

      {view.fees.length > 0 && (
        <section aria-labelledby="fees-title">
          <h2 id="fees-title">收费通知（国办函〔2020〕109号）</h2>
          <ul>
            {view.fees.map((f, i) => (
              <li key={i}>
                {FEE_BASES[f.basis as keyof typeof FEE_BASES]?.label ?? f.basis} {f.amountYuan} 元，{f.noticeOn} 发出，缴费期限 {f.payBy}
                {f.paidOn ? `，${f.paidOn} 已缴费` : f.expiredOn ? `，逾期未缴（${f.expiredOn}）` : '，待缴费'}
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.service && (
        <p id="service-line">
          送达：{SERVICE_MODES[view.service.mode as keyof typeof SERVICE_MODES]?.label ?? view.service.mode}，{view.service.servedOn}，
          {view.service.isInTime ? <strong class="tag tag--success">按时</strong> : <strong class="tag tag--danger">超期 {view.service.workingDaysLate} 个工作日</strong>}
        </p>
      )}

      <ReviewCases ctx={ctx} view={view} failed={failed} />

      <section aria-labelledby="history-title">
        <h2 id="history-title">办理记录</h2>
        <ol>
          {view.events.map((e) => (
            <li key={e.id}>
              {e.onDate} {e.verb in REQUEST_TRANSITIONS ? REQUEST_TRANSITIONS[e.verb as RequestVerb].label : e.verb === 'submit' ? '提交申请' : e.verb}（{REQUEST_STATES[e.toState as RequestState] ?? e.toState}）
              {eventDetail(e.verb, e.payload)} — {e.actorLabel}
            </li>
          ))}
        </ol>
      </section>
    </ConsoleLayout>
  );
}

/** A few words on what a step recorded, for the history list. */
function eventDetail(verb: string, p: Record<string, unknown>): string {
  const t = (k: string) => (typeof p[k] === 'string' || typeof p[k] === 'number' ? String(p[k]) : '');
  switch (verb) {
    case 'requestCorrection':
      return `：${t('items')}（补正期限 ${t('dueOn')}）`;
    case 'startConsultation':
      return `：${t('consultee')}`;
    case 'endConsultation':
      return `：${CONSULTATION_OPINIONS[t('opinion') as keyof typeof CONSULTATION_OPINIONS] ?? ''}`;
    case 'extend':
      return `：${t('workingDays')} 个工作日，${t('reason')}（批准：${t('approvedBy')}）`;
    case 'setDelay':
      return `：${t('workingDays')} 个工作日，${t('reason')}`;
    case 'flagExcessive':
      return `：${t('reason')}`;
    case 'issueFeeNotice':
      return `：${t('amountYuan')} 元`;
    case 'reply': {
      const o = t('outcome');
      return isOutcomeCode(o) ? `：${OUTCOMES[o].label}` : '';
    }
    default:
      return '';
  }
}

function ReviewCases({ ctx, view, failed }: { ctx: PageContext; view: ConsoleRequest; failed: VerbErrors | null }) {
  const r = view.request;
  const f = failed?.verb === 'review-case' ? failed : null;
  const e = (n: string) => fieldErrorFor(f?.errors, `case-${n}`);
  return (
    <section aria-labelledby="cases-title">
      <h2 id="cases-title">行政复议、行政诉讼</h2>
      {view.reviewCases.length === 0 ? (
        <p class="empty">没有登记的案件。</p>
      ) : (
        <ul>
          {view.reviewCases.map((c) => (
            <li key={c.id}>
              {REVIEW_CASE_KINDS[c.kind as keyof typeof REVIEW_CASE_KINDS]} {c.caseNumber ?? ''}，{c.filedOn} 立案，结果：{REVIEW_RESULTS[c.result as keyof typeof REVIEW_RESULTS]}
              {c.concludedOn ? `（${c.concludedOn} 审结）` : ''}
              {c.result === 'pending' && view.canHandle && (
                <form method="post" action={`${BASE}/review-cases/${c.id}/conclude`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="version" value={String(c.version)} />
                  <input type="hidden" name="requestId" value={r.id} />
                  <label for={`conclude-result-${c.id}`}>结果</label>
                  <select id={`conclude-result-${c.id}`} name="result" class="input input--medium">
                    {REVIEW_RESULT_IDS.filter((x) => x !== 'pending').map((x) => (
                      <option key={x} value={x}>
                        {REVIEW_RESULTS[x]}
                      </option>
                    ))}
                  </select>
                  <label for={`conclude-on-${c.id}`}>审结日期</label>
                  <input id={`conclude-on-${c.id}`} name="concludedOn" type="date" class="input input--medium" />
                  <button type="submit" class="button button--secondary">
                    登记结果
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {r.outcomeCode && view.canHandle && (
        <details open={!!f}>
          <summary>登记行政复议或行政诉讼案件</summary>
          <form method="post" action={`${BASE}/${r.id}/review-cases`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <SelectField name="case-kind" label="案件类型" options={REVIEW_CASE_KIND_IDS.map((k) => ({ value: k, label: REVIEW_CASE_KINDS[k] }))} value={f?.values['case-kind']} error={e('kind')} required placeholder="请选择" />
            <TextField name="case-caseNumber" label="案号" value={f?.values['case-caseNumber']} error={e('caseNumber')} maxLength={100} />
            <TextField name="case-filedOn" type="date" label="立案（申请）日期" value={f?.values['case-filedOn']} error={e('filedOn')} required />
            <SelectField name="case-result" label="结果" options={REVIEW_RESULT_IDS.map((k) => ({ value: k, label: REVIEW_RESULTS[k] }))} value={f?.values['case-result'] ?? 'pending'} error={e('result')} required />
            <TextField name="case-concludedOn" type="date" label="审结日期" value={f?.values['case-concludedOn']} error={e('concludedOn')} />
            <button type="submit" class="button button--secondary">
              登记案件
            </button>
          </form>
        </details>
      )}
    </section>
  );
}

const OPT = <T extends string>(entries: [T, string][]): SelectOption[] => entries.map(([value, label]) => ({ value, label }));

function VerbForm({ verb, action, ctx, version, view, failed }: { verb: RequestVerb; action: string; ctx: PageContext; version: number; view: ConsoleRequest; failed: VerbErrors | null }) {
  const t = REQUEST_TRANSITIONS[verb];
  const n = (name: string) => `${verb}-${name}`;
  const val = (name: string, fallback = '') => failed?.values[n(name)] ?? fallback;
  const err = (name: string) => fieldErrorFor(failed?.errors, n(name));
  const today = view.today;
  const date = (name: string, label: string, hint?: string, fallback = today) => <TextField name={n(name)} type="date" label={label} hint={hint} value={val(name, fallback)} error={err(name)} required />;
  let fields: ComponentChildren;
  switch (verb) {
    case 'register':
      fields = date('receivedOn', '收到申请之日（双方确认之日）', '网上申请以双方确认之日为收到申请之日（条例 第三十一条）');
      break;
    case 'requestCorrection':
      fields = (
        <>
          {date('on', '告知日期', `须在 ${view.clock.correctionNoticeDeadline ?? '—'} 前一次性告知（条例 第三十条）`)}
          <TextArea name={n('items')} label="需要补正的事项" value={val('items')} error={err('items')} required maxLength={2000} />
          {date('dueOn', '补正期限', '给申请人合理的补正期限', '')}
        </>
      );
      break;
    case 'receiveCorrection':
      fields = (
        <>
          {date('on', '收到补正之日', '答复期限自收到补正之日起重新计算')}
          <TextField name={n('lateReason')} label="逾期补正的正当理由" value={val('lateReason')} error={err('lateReason')} maxLength={500} />
        </>
      );
      break;
    case 'startConsultation':
      fields = (
        <>
          {date('on', '发出征求意见书日期')}
          <SelectField name={n('party')} label="征求意见类型" options={OPT(Object.entries(CONSULTATION_PARTIES).map(([k, v]) => [k, `${v.label}（${v.basis}）`]))} value={val('party')} error={err('party')} required placeholder="请选择" />
          <TextField name={n('consultee')} label="被征求意见方" value={val('consultee')} error={err('consultee')} required maxLength={200} />
        </>
      );
      break;
    case 'endConsultation':
      fields = (
        <>
          {date('on', '收到意见日期')}
          <SelectField name={n('opinion')} label="意见" options={OPT(Object.entries(CONSULTATION_OPINIONS))} value={val('opinion')} error={err('opinion')} required placeholder="请选择" />
        </>
      );
      break;
    case 'extend':
      fields = (
        <>
          {date('on', '批准日期')}
          <TextField name={n('workingDays')} type="number" label="延长工作日数" hint={`最多还可延长 ${view.clock.extensionWorkingDaysLeft} 个工作日（累计不超过 20 个，条例 第三十三条）`} value={val('workingDays')} error={err('workingDays')} required width="short" inputMode="numeric" />
          <TextArea name={n('reason')} label="延长理由（将告知申请人）" value={val('reason')} error={err('reason')} required maxLength={500} rows={3} />
        </>
      );
      break;
    case 'flagExcessive':
      fields = <TextArea name={n('reason')} label="标记理由" value={val('reason')} error={err('reason')} required maxLength={500} rows={3} />;
      break;
    case 'askReasons':
      fields = date('on', '告知日期');
      break;
    case 'setDelay':
      fields = (
        <>
          {date('on', '告知日期')}
          <TextField name={n('workingDays')} type="number" label="延迟答复工作日数" value={val('workingDays')} error={err('workingDays')} required width="short" inputMode="numeric" />
          <TextArea name={n('reason')} label="延迟答复理由" value={val('reason')} error={err('reason')} required maxLength={500} rows={3} />
        </>
      );
      break;
    case 'decline':
      fields = (
        <>
          {date('on', '答复日期')}
          <TextArea name={n('reasonText')} label="理由不合理之处" value={val('reasonText')} error={err('reasonText')} required maxLength={2000} rows={3} />
        </>
      );
      break;
    case 'issueFeeNotice':
      fields = (
        <>
          {date('on', '发出日期')}
          {date('receivedOn', '申请人收到通知日期', '自收到次日起 20 个工作日内缴费')}
          <SelectField name={n('basis')} label="计费方式" options={OPT(FEE_BASIS_IDS.map((b) => [b, FEE_BASES[b].label]))} value={val('basis')} error={err('basis')} required placeholder="请选择" />
          <TextField name={n('amountYuan')} type="number" label="收费金额（元）" hint={`按件计收：本件为申请人本月第 ${view.priorInMonth + 1} 件，应收 ${view.perItemFeeYuan} 元（国办函〔2020〕109号 第四条）；按量计收按第五条分档计算，两种方式只能选一种`} value={val('amountYuan')} error={err('amountYuan')} required width="short" inputMode="numeric" />
        </>
      );
      break;
    case 'recordPayment':
      fields = date('on', '缴费日期');
      break;
    case 'reply':
      fields = <ReplyFields n={n} val={val} err={err} date={date} />;
      break;
    case 'serve':
      fields = (
        <>
          <SelectField name={n('mode')} label="送达方式" options={SERVICE_MODE_IDS.map((m) => ({ value: m, label: SERVICE_MODES[m].label }))} value={val('mode')} error={err('mode')} required placeholder="请选择" hint="直接、委托送达以签收之日为准；邮寄须经邮政企业，以交邮之日为准（国办公开办函〔2016〕235号）" />
          <TextField name={n('signedOn')} type="date" label="签收日期（直接、委托送达）" value={val('signedOn')} error={err('signedOn')} />
          <TextField name={n('postedOn')} type="date" label="交邮日期（邮寄送达）" value={val('postedOn')} error={err('postedOn')} />
          <TextField name={n('deliveredOn')} type="date" label="到达日期（电子送达）" value={val('deliveredOn')} error={err('deliveredOn')} />
        </>
      );
      break;
    case 'expireCorrection':
    case 'expireFee':
    case 'accept':
    case 'acceptReasons':
    case 'archive':
      fields = null;
      break;
    default: {
      const never: never = verb;
      fields = String(never);
    }
  }
  return (
    <details open={!!failed} id={`verb-${verb}`}>
      <summary>
        {t.label}（{t.basis}）
      </summary>
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="version" value={String(version)} />
        {fields}
        {failed && failed.errors.some((e) => e.field === '(body)') && <p class="field-error">{failed.errors.find((e) => e.field === '(body)')?.message}</p>}
        <button type="submit" class="button button--primary">
          {t.label}
        </button>
      </form>
    </details>
  );
}

function ReplyFields({ n, val, err, date }: { n: (s: string) => string; val: (s: string, f?: string) => string; err: (s: string) => string | undefined; date: (name: string, label: string, hint?: string) => ComponentChildren }) {
  const chosen = new Set((val('withholdReasons') || '').split(',').filter(Boolean));
  return (
    <>
      {date('on', '答复日期')}
      <SelectField name={n('outcome')} label="答复类型" options={REPLY_OUTCOME_CODES.map((c) => ({ value: c, label: `${OUTCOMES[c].label}（${OUTCOMES[c].basis}）` }))} value={val('outcome')} error={err('outcome')} required placeholder="请选择" hint="只能选择一种最终结果；区分处理的选“部分公开”" />
      <TextArea name={n('providedInformation')} label="提供的政府信息" value={val('providedInformation')} error={err('providedInformation')} maxLength={2000} rows={3} />
      <TextField name={n('accessMethod')} label="获取方式、途径" value={val('accessMethod')} error={err('accessMethod')} maxLength={500} />
      <TextField name={n('accessTime')} label="获取时间" value={val('accessTime')} error={err('accessTime')} maxLength={200} />
      <fieldset class={`field${err('withholdReasons') ? ' field--error' : ''}`} id={`field-${n('withholdReasons')}`}>
        <legend>不予公开的理由类别（不予公开、部分公开时选择；第一项为主要理由）</legend>
        {err('withholdReasons') && <p class="field-error">{err('withholdReasons')}</p>}
        {WITHHOLD_REASON_IDS.map((w) => (
          <CheckboxField key={w} id={`${n('withholdReasons')}-${w}`} name={n('withholdReasons')} value={w} label={`${WITHHOLD_REASONS[w].label}（${WITHHOLD_REASONS[w].basis}）`} checked={chosen.has(w)} />
        ))}
      </fieldset>
      <TextArea name={n('reasonText')} label="理由说明" value={val('reasonText')} error={err('reasonText')} maxLength={2000} rows={3} />
      <TextField name={n('responsibleAgencyName')} label="负责公开的机关名称（非本机关负责公开时）" value={val('responsibleAgencyName')} error={err('responsibleAgencyName')} maxLength={100} />
      <TextField name={n('responsibleAgencyContact')} label="负责公开的机关联系方式" value={val('responsibleAgencyContact')} error={err('responsibleAgencyContact')} maxLength={200} />
      <CheckboxField name={n('responsibleAgencyUnknown')} label="无法确定负责公开的机关" checked={val('responsibleAgencyUnknown') === '1'} />
      <TextField name={n('relatedRequestNumber')} label="已答复的申请编号（重复申请时）" value={val('relatedRequestNumber')} error={err('relatedRequestNumber')} maxLength={50} />
      <TextField name={n('specialProcedure')} label="应依照办理的法律、行政法规及途径" value={val('specialProcedure')} error={err('specialProcedure')} maxLength={500} />
      <TextField name={n('referralChannel')} label="相应渠道（信访、投诉、举报类）" value={val('referralChannel')} error={err('referralChannel')} maxLength={500} />
    </>
  );
}
