// Citizen pages of the hotline: /hotline (how to reach 12345 + the web form, channel 网站), /hotline/track (number +
// query code; rate-limited per address), /hotline/mailbox (市长信箱: write, published letters, figures). Thin: each
// handler parses, calls one service function and renders.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { AttemptThrottle } from '../../platform/auth/throttle.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { FORM_TEXT, readMultipart, sizeText, type MultipartLimits } from '../../platform/http/multipart.ts';
import type { SelectOption } from '../../platform/views/components.tsx';
import { renderPage } from '../../platform/views/render.ts';
import { serviceNotice } from './deadlines.ts';
import { HotlinePage, LetterPage, MailboxPage, ReceiptPage, TrackPage, type FormValues } from './portal.views.tsx';
import type { TicketType } from './taxonomy.ts';
import { CITIZEN_UPLOADS, type IntakeUpload } from './tickets.service.ts';

const FORM_KEYS = ['type', 'categoryCode', 'districtCode', 'address', 'title', 'content', 'contactName', 'contactPhone', 'contactEmail', 'confidentiality', 'publishConsent'];

/** /hotline/track: attempts per address and window (the query code is 6 characters from 31; guessing must be slow). */
export const TRACK_LIMIT = { attempts: 10, windowSeconds: 60 } as const;

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

function valuesOf(body: unknown): FormValues {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const out: FormValues = {};
  for (const k of FORM_KEYS) {
    const v = Array.isArray(b[k]) ? (b[k] as unknown[])[0] : b[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

const newFormToken = (): string => randomBytes(18).toString('base64url');

/** The post's own token when well-formed (kept across a failed post, so fixing the errors still makes one ticket). */
function formTokenOf(body: unknown): string {
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const t = Array.isArray(b.formToken) ? b.formToken[0] : b.formToken;
  return typeof t === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(t) ? t : newFormToken();
}

function fieldsOf(err: unknown): FieldError[] | null {
  if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return err.fields.length ? err.fields : [{ field: 'content', message: err.message }];
  // a file over the limit: the form again with the message beside the file field (answered 413)
  if (err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE' && err.fields.length) return err.fields;
  return null;
}

/** The web form's files (field `attachments`), as the multipart parser below leaves them on the body. */
const FILES = Symbol('hotline files');
type WithFiles = { [FILES]?: IntakeUpload[] };

/**
 * Parses the web form's multipart body as it streams in, so `_csrf` is in the body before the session's CSRF check
 * (see platform/http/multipart.ts). The post is anonymous: the files' bytes are kept up to PUBLIC_UPLOAD_MB in all and
 * MAX_UPLOAD_MB each; a file past either is read on and dropped with its size counted, so the service refuses with
 * the form again (413). A body larger than 3 files of the per-file limit is refused without reading on (the error page).
 */
function addHotlineMultipartParser(scope: FastifyInstance, config: Pick<Config, 'maxUploadBytes' | 'publicUploadBytes'>): void {
  const maxFiles = CITIZEN_UPLOADS.maxFiles;
  const limits: MultipartLimits = {
    files: maxFiles + 1, // one more than allowed is enough to say "at most 3"; the rest is not kept
    fileFields: [CITIZEN_UPLOADS.field],
    fileBytes: config.maxUploadBytes,
    totalBytes: config.publicUploadBytes,
    bodyBytes: maxFiles * config.maxUploadBytes + FORM_TEXT.allowance,
    tooLargeMessage: `提交的内容超过大小上限：附件每个不能超过 ${sizeText(config.maxUploadBytes)}，合计不能超过 ${sizeText(config.publicUploadBytes)}。请减少或压缩附件后重新提交。`,
  };
  scope.addContentTypeParser('multipart/form-data', async (req: FastifyRequest, payload: IncomingMessage) => {
    const form = await readMultipart(req.headers, payload, limits);
    const fields: Record<string, string> & WithFiles = {};
    for (const [key, value] of form.fields) if (!(key in fields)) fields[key] = value;
    fields[FILES] = form.files.map((f) => ({ filename: f.filename, bytes: f.bytes, size: f.size }));
    return fields;
  });
}

const filesOf = (body: unknown): IntakeUpload[] => (body && typeof body === 'object' ? ((body as WithFiles)[FILES] ?? []) : []);

export async function registerHotlinePortalRoutes(app: FastifyInstance, deps: Deps, opts: { throttle?: AttemptThrottle } = {}): Promise<void> {
  const { hotline } = deps;
  // the form's hint names the largest file an anonymous post can carry (each ≤ MAX_UPLOAD_MB, all ≤ PUBLIC_UPLOAD_MB)
  const uploadLimits = { each: deps.config.maxUploadBytes, total: deps.config.publicUploadBytes };
  const throttle = opts.throttle ?? new AttemptThrottle();

  async function districts(): Promise<SelectOption[]> {
    const all = await deps.agencies.listAgencies();
    const seen = new Set<string>();
    const out: SelectOption[] = [];
    for (const a of all) {
      if (a.kind !== 'government' || a.divisionCode.endsWith('0000') || seen.has(a.divisionCode)) continue;
      seen.add(a.divisionCode);
      out.push({ value: a.divisionCode, label: a.name.replace(/人民政府$/, '') });
    }
    return out;
  }

  const notice = (type: string) => serviceNotice((type in { consultation: 1, help: 1, complaint: 1, report: 1, suggestion: 1, praise: 1 } ? type : 'help') as TicketType, 'normal', hotline.config);

  app.get('/hotline', { schema: { hide: true } }, async (req, reply) =>
    html(reply, <HotlinePage ctx={req.ctx} values={{}} errors={[]} districts={await districts()} config={hotline.config} formToken={newFormToken()} uploadLimits={uploadLimits} />),
  );

  // the web form is multipart (optional files); a url-encoded post without files still works
  await app.register(async (scope) => {
    addHotlineMultipartParser(scope, deps.config);
    scope.post('/hotline', { schema: { hide: true } }, async (req, reply) => {
      const values = valuesOf(req.body);
      const formToken = formTokenOf(req.body);
      try {
        const r = await hotline.intake(values, { kind: 'citizen', channel: 'web', formToken, files: filesOf(req.body) });
        return html(reply, <ReceiptPage ctx={req.ctx} number={r.number} queryCode={r.queryCode as string} kind="hotline" notice={notice(values.type ?? '')} />);
      } catch (err) {
        const fields = fieldsOf(err);
        if (!fields) throw err;
        const status = err instanceof AppError ? err.status : 400;
        return html(reply, <HotlinePage ctx={req.ctx} values={values} errors={fields} districts={await districts()} config={hotline.config} formToken={formToken} uploadLimits={uploadLimits} />, status);
      }
    });
  });

  app.get('/hotline/track', { schema: { hide: true } }, async (req, reply) => html(reply, <TrackPage ctx={req.ctx} values={{}} errors={[]} result={null} />));

  app.post('/hotline/track', { schema: { hide: true } }, async (req, reply: FastifyReply) => {
    const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const values = { number: typeof b.number === 'string' ? b.number.trim() : '', code: typeof b.code === 'string' ? b.code.trim() : '' };
    const errors: FieldError[] = [];
    if (!values.number) errors.push({ field: 'number', message: '工单编号：必须填写' });
    else if (!/^\d{14}$/.test(values.number)) errors.push({ field: 'number', message: '工单编号：应为 14 位数字' });
    if (!values.code) errors.push({ field: 'code', message: '查询码：必须填写' });
    if (errors.length) return html(reply, <TrackPage ctx={req.ctx} values={values} errors={errors} result={null} />, 400);
    const wait = throttle.hit(`track:${(req as FastifyRequest).ip}`, TRACK_LIMIT.attempts, TRACK_LIMIT.windowSeconds, Date.now());
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return html(reply, <TrackPage ctx={req.ctx} values={values} errors={[{ field: 'number', message: `查询过于频繁，请 ${wait} 秒后再试` }]} result={null} />, 429);
    }
    try {
      const result = await hotline.trackTicket(values.number, values.code);
      return html(reply, <TrackPage ctx={req.ctx} values={values} errors={[]} result={result} />);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
      return html(reply, <TrackPage ctx={req.ctx} values={values} errors={[{ field: 'number', message: err.message }]} result={null} />, 404);
    }
  });

  async function mailboxPage(req: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldError[], status = 200, formToken = newFormToken()) {
    const q = req.query as Record<string, unknown>;
    const page = typeof q.page === 'string' && /^[1-9]\d{0,4}$/.test(q.page) ? Number(q.page) : 1;
    const [letters, figures] = await Promise.all([hotline.listPublishedLetters(page, 20), hotline.mailboxFigures()]);
    return html(reply, <MailboxPage ctx={req.ctx} letters={letters} figures={figures} config={hotline.config} values={values} errors={errors} formToken={formToken} />, status);
  }

  app.get('/hotline/mailbox', { schema: { hide: true } }, async (req, reply) => mailboxPage(req, reply, {}, []));

  app.post('/hotline/mailbox', { schema: { hide: true } }, async (req, reply) => {
    const values = valuesOf(req.body);
    const formToken = formTokenOf(req.body);
    try {
      const r = await hotline.intake(values, { kind: 'citizen', channel: 'mailbox', formToken });
      return html(reply, <ReceiptPage ctx={req.ctx} number={r.number} queryCode={r.queryCode as string} kind="mailbox" notice={notice(values.type ?? '')} />);
    } catch (err) {
      const fields = fieldsOf(err);
      if (!fields) throw err;
      return mailboxPage(req, reply, values, fields, 400, formToken);
    }
  });

  app.get('/hotline/mailbox/:number', { schema: { hide: true } }, async (req, reply) => {
    const { number } = req.params as { number: string };
    const letter = /^\d{14}$/.test(number) ? await hotline.getPublishedLetter(number) : null;
    if (!letter) throw new AppError('NOT_FOUND', '未找到该来信，或它尚未公开。');
    return reply.header('cache-control', 'public, max-age=300').type('text/html; charset=utf-8').send(renderPage(<LetterPage ctx={req.ctx} letter={letter} />));
  });
}
