import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { TSchema } from 'typebox';
import { renderPage } from '../views/render.ts';
import { ErrorPage } from '../views/error-page.tsx';
import type { PageContext } from '../views/context.ts';
import type { Config } from '../../config.ts';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from './errors.ts';
import { describeErrors } from './validate.ts';

const TITLES: Partial<Record<number, string>> = {
  400: '提交的内容有误',
  401: '需要登录',
  403: '没有权限',
  404: '页面不存在',
  409: '操作无法完成',
  410: '该信息已撤销',
  413: '文件太大',
  415: '文件类型不支持',
  423: '账户已锁定',
  429: '操作过于频繁',
  500: '系统出现问题',
  503: '服务暂不可用',
};

function wantsJson(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url.startsWith('/open311/') || req.url.startsWith('/docs');
}

function fallbackCtx(req: FastifyRequest, config: Config): PageContext {
  return req.ctx ?? { site: config.site, baseUrl: config.baseUrl, elder: false, csrfToken: '', actor: null, path: req.url.split('?')[0] ?? '/', flash: null, assetVersion: 'v0' };
}

/** Translates any error into the stable code + Chinese message; JSON under /api, an HTML page elsewhere. */
export function toAppError(err: unknown, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (fe.validation) {
    const schema = (req.routeOptions.schema?.[(fe.validationContext ?? 'body') as 'body'] ?? {}) as TSchema;
    const fields: FieldError[] = describeErrors(schema, fe.validation as Parameters<typeof describeErrors>[1]);
    return new AppError('VALIDATION_FAILED', fields.length ? fields.map((f) => f.message).join('；') : '提交的内容不符合要求', { fields });
  }
  const status = fe.statusCode ?? 500;
  if (status === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', '提交的内容或文件超过大小上限。');
  if (status === 415 || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的提交格式。');
  if (status === 429) return new AppError('RATE_LIMITED', '操作过于频繁，请稍后再试。');
  if (status === 404) return new AppError('NOT_FOUND', '您访问的页面不存在或已被移除。');
  if (status >= 400 && status < 500) return new AppError('BAD_REQUEST', '请求格式不正确。');
  return new AppError('INTERNAL', '系统出现问题，请稍后再试。问题已记录。');
}

export function sendError(reply: FastifyReply, err: AppError, config: Config): FastifyReply {
  const req = reply.request;
  const status = ERROR_STATUS[err.code as ErrorCode];
  reply.status(status);
  if (status === 401 || status === 403 || status >= 500) reply.header('cache-control', 'no-store');
  if (wantsJson(req)) {
    return reply.type('application/json; charset=utf-8').send({ error: { code: err.code, message: err.message, fields: err.fields.length ? err.fields : undefined, requestId: req.id } });
  }
  const html = renderPage(h(ErrorPage, { ctx: fallbackCtx(req, config), status, title: TITLES[status] ?? '操作无法完成', message: err.message, code: err.code, fields: err.fields }));
  return reply.type('text/html; charset=utf-8').send(html);
}

export function installErrorHandling(app: FastifyInstance, config: Config): void {
  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err, req);
    if (appErr.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    else req.log.info({ code: appErr.code }, appErr.message);
    return sendError(reply, appErr, config);
  });
  app.setNotFoundHandler((req, reply) => sendError(reply, new AppError('NOT_FOUND', '您访问的页面不存在或已被移除。请检查网址，或从首页重新查找。'), config));
}
