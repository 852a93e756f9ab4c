import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';

// The deps each built app was registered with, so test helpers given only `app` can mint sessions and
// CSRF tokens exactly as the app would. Weak: an app that is closed and dropped is forgotten.
const registered = new WeakMap<FastifyInstance, Deps>();

export function rememberAppDeps(app: FastifyInstance, deps: Deps): void {
  registered.set(app, deps);
}

export function depsOfApp(app: FastifyInstance): Deps | undefined {
  return registered.get(app);
}
