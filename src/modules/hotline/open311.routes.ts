// Open311 GeoReport v2 at /open311/v2 (http://wiki.open311.org/GeoReport_v2): JSON and XML. Cookie-free (ADR 0003):
// the write path authenticates with api_key only. Errors are the spec's [{code, description}] array with the HTTP
// status, from this plugin's own error and not-found handlers, never the platform's { error } JSON.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { toAppError } from '../../platform/http/error-handler.ts';
import { AppError } from '../../platform/http/errors.ts';
import { serviceNotice } from './deadlines.ts';
import {
  buildDiscovery,
  buildServiceDefinition,
  buildServiceList,
  open311Error,
  open311ErrorsFromAppError,
  parseRequestsQuery,
  renderOpen311,
  validatePostRequest,
  type Open311Documents,
  type Open311DocumentKind,
  type Open311Error,
} from './open311.ts';

export const OPEN311_BASE = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];

/** The format a path asks for; a path without .json/.xml gets JSON errors. */
function formatOfUrl(url: string): Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

function send<K extends Open311DocumentKind>(reply: FastifyReply, kind: K, doc: Open311Documents[K], format: Format, status = 200, cache = 'no-cache'): FastifyReply {
  const r = renderOpen311(kind, doc, format);
  return reply.status(status).header('cache-control', cache).type(r.contentType).send(r.body);
}

function sendErrors(reply: FastifyReply, status: number, errors: Open311Error[], format: Format): FastifyReply {
  if (status === 401 || status === 403 || status >= 500) reply.header('cache-control', 'no-store');
  return send(reply, 'errors', errors, format, status, status >= 500 || status === 403 ? 'no-store' : 'no-cache');
}

/** 'code.json' → { id: 'code', format: 'json' }, or null. */
function splitFile(file: string): { id: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { id: m[1] as string, format: m[2] as Format } : null;
}

export async function registerOpen311Routes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { hotline } = deps;
  const config = hotline.config;
  const changeset = new Date('2026-11-01T00:00:00+08:00');

  await app.register(async (api) => {
    api.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const appErr = err instanceof AppError ? err : toAppError(err, req);
      if (appErr.code === 'INTERNAL') req.log.error({ err }, 'open311 unhandled error');
      const { status, errors } = open311ErrorsFromAppError(appErr);
      return sendErrors(reply, status, errors, formatOfUrl(req.url));
    });
    api.setNotFoundHandler((req, reply) => {
      const { status, errors } = open311Error(404, '没有这个接口。可用接口见 discovery.json');
      return sendErrors(reply, status, errors, formatOfUrl(req.url));
    });

    for (const format of FORMATS) {
      api.get(`/discovery.${format}`, async (_req, reply) =>
        send(reply, 'discovery', buildDiscovery({ baseUrl: deps.config.baseUrl, contact: `12345政务服务便民热线 ${deps.config.site.contact ?? ''}`.trim(), keyService: `${deps.config.baseUrl.replace(/\/+$/, '')}/hotline#open311`, changeset }), format, 200, 'public, max-age=3600'),
      );

      api.get(`/services.${format}`, async (_req, reply) => send(reply, 'services', buildServiceList(), format, 200, 'public, max-age=300'));

      api.post(`/requests.${format}`, async (req, reply) => {
        const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
        const key = typeof form.api_key === 'string' ? form.api_key : Array.isArray(form.api_key) && typeof form.api_key[0] === 'string' ? form.api_key[0] : '';
        const client = key ? await hotline.apiKeys.authenticate(key.trim()) : null;
        const checked = validatePostRequest(form, { config, isValidApiKey: () => client !== null });
        if (!checked.ok) return sendErrors(reply, checked.status, checked.errors, format);
        if (!client) return sendErrors(reply, 403, open311Error(403, 'api_key：缺少或无效的 API 密钥').errors, format);
        const r = await hotline.intakeOpen311(checked.value, client);
        return send(reply, 'postResponse', [{ service_request_id: r.number, service_notice: serviceNotice('help', 'normal', config), account_id: null }], format, 200, 'no-store');
      });

      api.get(`/requests.${format}`, async (req, reply) => {
        const q = parseRequestsQuery((req.query ?? {}) as Record<string, unknown>, config, new Date());
        if (!q.ok) return sendErrors(reply, q.status, q.errors, format);
        return send(reply, 'requests', await hotline.listOpen311Requests(q.value), format);
      });
    }

    api.get<{ Params: { file: string } }>('/services/:file', async (req, reply) => {
      const f = splitFile(req.params.file);
      if (!f) return sendErrors(reply, 404, open311Error(404, '请使用 .json 或 .xml 后缀').errors, 'json');
      const def = buildServiceDefinition(f.id);
      if (!def) return sendErrors(reply, 404, open311Error(404, `service_code：未知的服务代码“${f.id}”`).errors, f.format);
      return send(reply, 'serviceDefinition', def, f.format, 200, 'public, max-age=300');
    });

    api.get<{ Params: { file: string } }>('/requests/:file', async (req, reply) => {
      const f = splitFile(req.params.file);
      if (!f) return sendErrors(reply, 404, open311Error(404, '请使用 .json 或 .xml 后缀').errors, 'json');
      const q = parseRequestsQuery({ service_request_id: f.id }, config, new Date());
      const list = q.ok && /^\d{14}$/.test(f.id) ? await hotline.listOpen311Requests(q.value) : [];
      if (!list.length) return sendErrors(reply, 404, open311Error(404, `service_request_id：未找到工单“${f.id}”`).errors, f.format);
      return send(reply, 'requests', list, f.format);
    });

    api.get<{ Params: { file: string } }>('/tokens/:file', async (req, reply) => {
      const f = splitFile(req.params.file);
      if (!f) return sendErrors(reply, 404, open311Error(404, '请使用 .json 或 .xml 后缀').errors, 'json');
      const doc = await hotline.open311Token(f.id);
      if (!doc.length) return sendErrors(reply, 404, open311Error(404, `token：未找到“${f.id}”`).errors, f.format);
      return send(reply, 'tokens', doc, f.format);
    });
  }, { prefix: OPEN311_BASE });
}
