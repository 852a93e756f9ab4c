import type { Module } from '../index.ts';
import { registerCalendarConsoleRoutes } from './calendar.console.routes.tsx';

export { calendarWarning, CalendarWarningBanner, type CalendarWarning } from './calendar.warning.tsx';

/** 工作日历: the console editor for the State Council's holiday schedule (the service is platform/calendar). */
export const calendarModule: Module = {
  name: 'calendar',
  async register(app, deps) {
    await registerCalendarConsoleRoutes(app, deps);
  },
};
