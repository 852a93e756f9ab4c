import type { Module } from '../index.ts';
import { registerApiKeyConsoleRoutes } from './api-keys.console.routes.tsx';
import { registerOpen311Routes } from './open311.routes.ts';
import { registerHotlinePortalRoutes } from './portal.routes.tsx';

/** 12345一号通: the Open311 GeoReport v2 API, the public pages (/hotline, /hotline/track, /hotline/mailbox), API keys. */
export const hotlineModule: Module = {
  name: 'hotline',
  async register(app, deps) {
    await registerOpen311Routes(app, deps);
    await registerHotlinePortalRoutes(app, deps);
    await registerApiKeyConsoleRoutes(app, deps);
  },
};
