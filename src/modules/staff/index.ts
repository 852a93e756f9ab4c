import type { Module } from '../index.ts';
import { rememberAppDeps } from './staff.app.ts';
import { registerStaffConsoleRoutes } from './staff.console.routes.tsx';

export { createStaffService, type StaffService, type UserSummary } from './staff.service.ts';
export { DEFAULT_STAFF_SETTINGS, type StaffSettings } from './staff.config.ts';
export { seedStaff, DEMO_STAFF } from './staff.seed.ts';

/** 工作人员: accounts, roles within agencies, sign-in and sessions, and the console shell. */
export const staffModule: Module = {
  name: 'staff',
  async register(app, deps) {
    rememberAppDeps(app, deps);
    await registerStaffConsoleRoutes(app, deps);
  },
};
