import type { Module } from '../index.ts';
import { registerItemsConsoleRoutes } from './items.console.routes.tsx';

/** 政府信息 in the console: list, drafting form, item page with the workflow's verbs, the 第二十六条 board. */
export const itemsConsoleModule: Module = {
  name: 'items-console',
  async register(app, deps) {
    await registerItemsConsoleRoutes(app, deps);
  },
};
