// The annual report module's public surface (政府信息公开工作年度报告, issue 6).
import type { Module } from '../index.ts';
import { registerReportConsoleRoutes } from './report.console.routes.tsx';

export { createReportService, type AnnualReport, type ReportService, type ReportView } from './report.service.ts';
export { toReportJson, type ReportJson } from './report.export.ts';

/** /console/reports: the editor, outside figures, publish, exports, the deadline board. */
export const reportModule: Module = {
  name: 'report',
  async register(app, deps) {
    await registerReportConsoleRoutes(app, deps);
  },
};
