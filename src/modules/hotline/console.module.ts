import type { Module } from '../index.ts';
import { registerDeskRoutes } from './console.routes.tsx';
import { registerDirectoryConsoleRoutes } from './directory.console.routes.tsx';
import { registerKbConsoleRoutes } from './kb.console.routes.tsx';
import { registerSupervisionRoutes } from './supervision.routes.tsx';

/** 12345 console: 知识库, 派单目录, the agent's and handler's desks, supervision (issue 7). */
export const hotlineConsoleModule: Module = {
  name: 'hotline-console',
  async register(app, deps) {
    await registerDeskRoutes(app, deps);
    await registerKbConsoleRoutes(app, deps);
    await registerDirectoryConsoleRoutes(app, deps);
    await registerSupervisionRoutes(app, deps);
  },
};
