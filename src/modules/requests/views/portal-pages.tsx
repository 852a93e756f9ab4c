// Citizen pages: the application form (条例 第二十九条 contents; works without JavaScript, 第四十三条), the receipt,
// and the status lookup (stage and due date, never personal data).
import type { FieldError } from '../../../platform/http/errors.ts';
import { CsrfField, ErrorSummary, fieldErrorFor, fieldId, ReceiptBanner, SelectField, TextArea, TextField, type SelectOption } from '../../../platform/views/components.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import { PortalLayout } from '../../../platform/views/layout.tsx';
import type { PublicStatus, Receipt } from '../requests.service.ts';
import { APPLICANT_CATEGORIES, APPLICANT_CATEGORY_IDS, ID_TYPE_IDS, ID_TYPES, PROVISION_FORM_IDS, PROVISION_FORMS } from '../taxonomy.ts';

const CRUMBS_BASE = [{ label: '政务公开', href: '/disclosure' }];

export const CATEGORY_OPTIONS: SelectOption[] = APPLICANT_CATEGORY_IDS.map((c) => ({ value: c, label: c === 'natural_person' ? '自然人' : `法人或其他组织：${APPLICANT_CATEGORIES[c]}` }));
export const PERSON_ID_OPTIONS: SelectOption[] = ID_TYPE_IDS.filter((t) => ID_TYPES[t].kind === 'natural_person').map((t) => ({ value: t, label: ID_TYPES[t].label }));
export const PROVISION_OPTIONS: SelectOption[] = PROVISION_FORM_IDS.map((p) => ({ value: p, label: PROVISION_FORMS[p] }));

export type FormValues = Record<string, string>;

/** The fields shared by the portal form and the clerk's registration form. */
export function ApplicantFields({ values, errors, agencies }: { values: FormValues; errors: readonly FieldError[]; agencies: SelectOption[] }) {
  const e = (n: string) => fieldErrorFor(errors, n);
  return (
    <>
      <SelectField name="agencyId" label="受理机关" options={agencies} value={values.agencyId} error={e('agencyId')} required placeholder="请选择" />
      <fieldset class="field">
        <legend>申请人信息</legend>
        <SelectField name="applicantCategory" label="申请人类别" options={CATEGORY_OPTIONS} value={values.applicantCategory} error={e('applicantCategory')} required placeholder="请选择" hint="法人或其他组织请选择所属类别" />
        <TextField name="name" label="姓名" hint="法人或其他组织填写联系人姓名" value={values.name} error={e('name')} required maxLength={50} autocomplete="name" />
        <TextField name="organizationName" label="组织名称" hint="法人或其他组织必须填写" value={values.organizationName} error={e('organizationName')} maxLength={100} autocomplete="organization" />
        <SelectField name="idType" label="证件类型" hint="自然人必须选择；法人或其他组织无需选择" options={PERSON_ID_OPTIONS} value={values.idType} error={e('idType')} placeholder="请选择" />
        <TextField name="idNumber" label="证件号码" hint="自然人填写证件号码；法人或其他组织填写 18 位统一社会信用代码" value={values.idNumber} error={e('idNumber')} required maxLength={30} />
        <TextField name="phone" label="联系电话" type="tel" value={values.phone} error={e('phone')} required maxLength={30} autocomplete="tel" inputMode="tel" />
        <TextField name="address" label="通信地址" value={values.address} error={e('address')} required maxLength={200} autocomplete="street-address" />
        <TextField name="postalCode" label="邮政编码" value={values.postalCode} error={e('postalCode')} maxLength={6} width="short" inputMode="numeric" autocomplete="postal-code" />
        <TextField name="email" label="电子邮箱" type="email" value={values.email} error={e('email')} maxLength={100} autocomplete="email" />
      </fieldset>
      <fieldset class="field">
        <legend>所需政府信息</legend>
        <TextArea name="description" label="所需政府信息的名称或内容描述" hint="请写明信息的名称，或便于查询的特征性描述" value={values.description} error={e('description')} required maxLength={4000} />
        <TextField name="documentNumber" label="文号" hint="如知道，请填写，例如 渝府办发〔2018〕76号" value={values.documentNumber} error={e('documentNumber')} maxLength={60} />
        <SelectField name="provisionForm" label="获取信息的方式" options={PROVISION_OPTIONS} value={values.provisionForm} error={e('provisionForm')} required placeholder="请选择" />
      </fieldset>
    </>
  );
}

export function FileField({ name, label, hint, error, required }: { name: string; label: string; hint: string; error?: string | undefined; required?: boolean }) {
  const id = fieldId(name);
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>
        {label}
        {required ? '' : <span class="optional">（选填）</span>}
      </label>
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      <input id={id} name={name} type="file" class="input" accept=".pdf,.ofd,.png,.jpg,.jpeg" aria-required={required ? 'true' : undefined} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`} />
    </div>
  );
}

export function ApplicationFormPage(p: { ctx: PageContext; values: FormValues; errors: readonly FieldError[]; agencies: SelectOption[]; idempotencyKey: string }) {
  return (
    <PortalLayout ctx={p.ctx} title="政府信息公开申请" columnName="依申请公开" crumbs={[...CRUMBS_BASE, { label: '政府信息公开申请' }]}>
      <h1>政府信息公开申请</h1>
      <p class="page-lead">依据《中华人民共和国政府信息公开条例》第二十七条至第二十九条，公民、法人或者其他组织可以向行政机关申请获取政府信息。带“（选填）”的项目可以不填，其余必须填写。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/requests/new" enctype="multipart/form-data" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        <ApplicantFields values={p.values} errors={p.errors} agencies={p.agencies} />
        <FileField name="identityProof" label="身份证明" required hint="请上传身份证件或营业执照等证明的扫描件或照片（PDF、OFD、PNG、JPEG）。如页面提示有误，需要重新选择文件。" error={fieldErrorFor(p.errors, 'identityProof')} />
        <p class="muted">阅读或书写有困难的，可以到受理机关当面口头提出申请，由工作人员代为填写（条例 第二十九条、第四十三条）。</p>
        <button type="submit" class="button button--primary">
          提交申请
        </button>
      </form>
    </PortalLayout>
  );
}

export function ReceiptPage({ ctx, receipt }: { ctx: PageContext; receipt: Receipt }) {
  return (
    <PortalLayout ctx={ctx} title="申请已提交" columnName="依申请公开" crumbs={[...CRUMBS_BASE, { label: '申请已提交' }]}>
      <h1>申请已提交</h1>
      <ReceiptBanner title="申请回执" numberLabel="申请编号" number={receipt.number} queryCode={receipt.queryCode} extra={[{ label: '受理机关', value: receipt.agencyName }]} />
      <p>请妥善保存申请编号和查询码，查询码只显示这一次。受理机关将与您确认收到申请，答复期限自双方确认之日起计算（条例 第三十一条）。</p>
      <p>
        <a href="/requests/status">查询办理进度</a>
      </p>
    </PortalLayout>
  );
}

export function StatusPage(p: { ctx: PageContext; values: FormValues; errors: readonly FieldError[]; status: PublicStatus | null }) {
  const s = p.status;
  return (
    <PortalLayout ctx={p.ctx} title="查询申请办理进度" columnName="依申请公开" crumbs={[...CRUMBS_BASE, { label: '查询申请办理进度' }]}>
      <h1>查询申请办理进度</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/requests/status" novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextField name="number" label="申请编号" value={p.values.number} error={fieldErrorFor(p.errors, 'number')} required maxLength={20} />
        <TextField name="code" label="查询码" value={p.values.code} error={fieldErrorFor(p.errors, 'code')} required maxLength={12} autocomplete="off" />
        <button type="submit" class="button button--primary">
          查询
        </button>
      </form>
      {s && (
        <section aria-labelledby="status-title">
          <h2 id="status-title">申请 {s.number}</h2>
          <table class="table">
            <tbody>
              <tr>
                <th scope="row">受理机关</th>
                <td>{s.agencyName}</td>
              </tr>
              <tr>
                <th scope="row">办理环节</th>
                <td id="status-stage">
                  {s.stage}（{s.state}）
                </td>
              </tr>
              <tr>
                <th scope="row">收到申请之日</th>
                <td>{s.receivedOn ?? '尚待确认'}</td>
              </tr>
              {s.correctionDueOn && (
                <tr>
                  <th scope="row">补正期限</th>
                  <td id="status-correction">请在 {s.correctionDueOn} 前按补正告知书提交补正材料；答复期限自收到补正之日起重新计算（条例 第三十条）</td>
                </tr>
              )}
              <tr>
                <th scope="row">答复期限</th>
                <td id="status-due">{s.dueOn ?? '—'}</td>
              </tr>
              <tr>
                <th scope="row">答复结果</th>
                <td id="status-outcome">{s.outcome ? `${s.outcome}（${s.repliedOn ?? ''}）` : '尚未答复'}</td>
              </tr>
              <tr>
                <th scope="row">送达日期</th>
                <td>{s.servedOn ?? '—'}</td>
              </tr>
            </tbody>
          </table>
          <p class="muted">答复期限为 20 个工作日，依法延长、征求第三方意见或补正的，期限相应调整（条例 第三十条、第三十二条、第三十三条）。</p>
        </section>
      )}
    </PortalLayout>
  );
}
