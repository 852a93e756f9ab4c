import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';

/** A domain module registers its routes; its services are wired in deps.ts. */
export interface Module {
  name: string;
  register(app: FastifyInstance, deps: Deps): Promise<void>;
}

// one line per module, sorted
export const MODULES: Module[] = [];
