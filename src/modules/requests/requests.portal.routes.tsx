// Citizen routes: the application form (/requests/new), the receipt, the status lookup, and the JSON API
// (POST /api/v1/requests, GET /api/v1/requests/{number}; cookie-free, ADR 0003). Every decision is the service's.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { FORM_TEXT, readMultipart, sizeText, type MultipartLimits } from '../../platform/http/multipart.ts';
import { renderPage } from '../../platform/views/render.ts';
import type { SelectOption } from '../../platform/views/components.tsx';
import { ReceiptResponse, StatusResponse, SubmitRequestBody } from './requests.schema.ts';
import type { Upload } from './requests.service.ts';
import { ApplicationFormPage, ReceiptPage, StatusPage, type FormValues } from './views/portal-pages.tsx';

/** A parsed multipart body: the text fields and the first file. */
export interface MultipartBody {
  fields: Record<string, string>;
  file: Upload | null;
}

/**
 * Adds a multipart parser to a scope, reading the body as it streams in so `_csrf` is in the body before the
 * session's CSRF check (platform/http/multipart.ts). The first file is kept: up to MAX_UPLOAD_MB for signed-in staff,
 * and also up to PUBLIC_UPLOAD_MB for an anonymous post; a larger file is read on and dropped with its size counted,
 * so the service refuses with the form again. A body over the per-file limit is refused without reading on.
 */
export function addMultipartParser(scope: FastifyInstance, config: Pick<Config, 'maxUploadBytes' | 'publicUploadBytes'>): void {
  const bodyBytes = config.maxUploadBytes + FORM_TEXT.allowance;
  const staff: MultipartLimits = { files: 1, fileBytes: config.maxUploadBytes, totalBytes: config.maxUploadBytes, bodyBytes, tooLargeMessage: `提交的内容超过大小上限：文件不能超过 ${sizeText(config.maxUploadBytes)}。` };
  const publicLimit = Math.min(config.maxUploadBytes, config.publicUploadBytes);
  const anonymous: MultipartLimits = { ...staff, totalBytes: publicLimit, tooLargeMessage: `提交的内容超过大小上限：文件不能超过 ${sizeText(publicLimit)}。请压缩或换用较小的扫描件后重新提交。` };
  scope.addContentTypeParser('multipart/form-data', async (req: FastifyRequest, payload: IncomingMessage) => {
    const form = await readMultipart(req.headers, payload, req.actor ? staff : anonymous);
    const fields: Record<string, string> = {};
    for (const [key, value] of form.fields) fields[key] = value;
    const first = form.files[0];
    const file: Upload | null = first ? { filename: first.filename, bytes: first.bytes, size: first.size } : null;
    return { ...fields, _multipart: { fields, file } satisfies MultipartBody };
  });
}

export function multipartOf(body: unknown): MultipartBody {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const m = b._multipart as MultipartBody | undefined;
  if (m) return m;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) if (typeof v === 'string') fields[k] = v;
  return { fields, file: null };
}

export function privateHtml(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

function fieldsOf(err: unknown): FieldError[] | null {
  if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return err.fields.length ? err.fields : [{ field: '(body)', message: err.message }];
  // a proof over the size limit: the form again with the message beside the file field (answered 413)
  if (err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE' && err.fields.length) return err.fields;
  if (err instanceof AppError && (err.code === 'DUPLICATE' || err.code === 'NOT_FOUND' || err.code === 'RATE_LIMITED')) return [{ field: '(body)', message: err.message }];
  return null;
}

const FORM_KEYS = ['agencyId', 'applicantCategory', 'name', 'organizationName', 'idType', 'idNumber', 'phone', 'address', 'postalCode', 'email', 'description', 'documentNumber', 'provisionForm'];

export function formValues(fields: Record<string, string>, keys: readonly string[] = FORM_KEYS): FormValues {
  const out: FormValues = {};
  for (const k of keys) if (typeof fields[k] === 'string') out[k] = fields[k];
  return out;
}

const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))) }),
});

export async function registerRequestsPortalRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { requests } = deps;

  async function agencyOptions(): Promise<SelectOption[]> {
    return (await deps.agencies.listAgencies()).map((a) => ({ value: a.id, label: a.name }));
  }

  const newKey = () => randomBytes(18).toString('base64url');

  app.get('/requests/new', { schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const agencies = await agencyOptions();
    const preset = typeof q.agency === 'string' ? (agencies.find((a) => a.value === q.agency)?.value ?? '') : '';
    return privateHtml(reply, <ApplicationFormPage ctx={req.ctx} values={{ agencyId: preset }} errors={[]} agencies={agencies} idempotencyKey={newKey()} />);
  });

  app.post('/requests/new', { schema: { hide: true } }, async (req, reply) => {
    const form = multipartOf(req.body);
    try {
      const receipt = await requests.submitRequest(form.fields, form.file);
      return privateHtml(reply, <ReceiptPage ctx={req.ctx} receipt={receipt} />);
    } catch (err) {
      const fields = fieldsOf(err);
      if (!fields) throw err;
      const key = /^[A-Za-z0-9_-]{16,64}$/.test(form.fields.idempotencyKey ?? '') && !(err instanceof AppError && err.code === 'DUPLICATE') ? (form.fields.idempotencyKey as string) : newKey();
      const status = err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400;
      return privateHtml(reply, <ApplicationFormPage ctx={req.ctx} values={formValues(form.fields)} errors={fields} agencies={await agencyOptions()} idempotencyKey={key} />, status);
    }
  });

  app.get('/requests/status', { schema: { hide: true } }, async (req, reply) => privateHtml(reply, <StatusPage ctx={req.ctx} values={{}} errors={[]} status={null} />));

  app.post('/requests/status', { schema: { hide: true } }, async (req, reply) => {
    const b = multipartOf(req.body).fields;
    const values = { number: b.number ?? '', code: b.code ?? '' };
    const errors: FieldError[] = [];
    if (!values.number.trim()) errors.push({ field: 'number', message: '申请编号：必须填写' });
    if (!values.code.trim()) errors.push({ field: 'code', message: '查询码：必须填写' });
    if (errors.length) return privateHtml(reply, <StatusPage ctx={req.ctx} values={values} errors={errors} status={null} />, 400);
    try {
      const status = await requests.getPublicStatus(values.number, values.code, req.ip);
      return privateHtml(reply, <StatusPage ctx={req.ctx} values={values} errors={[]} status={status} />);
    } catch (err) {
      const fields = fieldsOf(err);
      if (!fields) throw err;
      const status = err instanceof AppError ? err.status : 400;
      return privateHtml(reply, <StatusPage ctx={req.ctx} values={values} errors={fields} status={null} />, status);
    }
  });

  app.post(
    '/api/v1/requests',
    {
      // anonymous too: the proof in base64 (4 characters per 3 bytes) within both upload limits, and the other fields
      bodyLimit: Math.ceil(Math.min(deps.config.maxUploadBytes, deps.config.publicUploadBytes) / 3) * 4 + 64 * 1024,
      schema: {
        tags: ['依申请公开'],
        summary: '提交政府信息公开申请',
        description: '与网上申请表相同的提交（条例 第二十九条）。身份证明以 base64 上传。同一 idempotencyKey 重复提交只生成一件申请，返回同一回执。查询码只在此返回一次。',
        body: SubmitRequestBody,
        response: { 201: ReceiptResponse, 200: ReceiptResponse, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const body = req.body as SubmitRequestBody;
      const proof = { filename: body.identityProof.filename, bytes: new Uint8Array(Buffer.from(body.identityProof.contentBase64, 'base64')) };
      const receipt = await requests.submitRequest(body, proof);
      return reply.status(receipt.isDuplicate ? 200 : 201).send({ number: receipt.number, queryCode: receipt.queryCode, agencyName: receipt.agencyName, submittedAt: receipt.submittedAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/requests/:number',
    {
      schema: {
        tags: ['依申请公开'],
        summary: '查询申请办理进度',
        description: '凭申请编号和查询码查询办理环节（条例 第四十五条）和答复期限，不含申请人信息。限制频率。',
        params: Type.Object({ number: Type.String({ title: '申请编号', maxLength: 20 }) }),
        querystring: Type.Object({ code: Type.String({ title: '查询码', maxLength: 12 }) }),
        response: { 200: StatusResponse, 404: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { number } = req.params as { number: string };
      const { code } = req.query as { code: string };
      reply.header('cache-control', 'private, no-store');
      return requests.getPublicStatus(number, code, req.ip);
    },
  );
}
