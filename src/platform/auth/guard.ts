import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';
import type { Actor } from './actor.ts';
import { can, type PlatformAction, type PolicyResource } from './policy.ts';

/** The signed-in actor allowed to take `action` on `resource`; throws UNAUTHENTICATED or FORBIDDEN. */
export function requirePermission(req: FastifyRequest, action: PlatformAction, resource: PolicyResource): Actor {
  const actor = req.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录管理后台。');
  if (!can(actor, action, resource)) throw forbidden();
  return actor;
}

export function forbidden(message = '您没有权限进行此操作或查看此页面。如需开通，请联系本单位的系统管理员。'): AppError {
  return new AppError('FORBIDDEN', message);
}
