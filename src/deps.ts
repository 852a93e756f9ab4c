import type { Config } from './config.ts';
import { createCalendarService, type CalendarService } from './platform/calendar/index.ts';
import type { Database, Db } from './platform/db/database.ts';
import type { SessionStore } from './platform/http/session.ts';
import { createStaffService, type StaffService } from './modules/staff/index.ts';
import { createAgencyService, type AgencyService } from './modules/agencies/index.ts';
import { createCatalogService, type CatalogService } from './modules/disclosure/catalog.service.ts';
import { createSearchService, type SearchService } from './modules/disclosure/search.module.ts';
import { createItemsService, type ItemsService } from './modules/disclosure/index.ts';
import { createSearchIndexer, reindexAgencyItems } from './modules/disclosure/search.module.ts';
import { createFileStorage } from './platform/storage/index.ts';
import { createReportService, type ReportService } from './modules/report/index.ts';
import { createRequestsService, type RequestsService } from './modules/requests/requests.service.ts';
import { createHotlineService, type HotlineService } from './modules/hotline/tickets.service.ts';
import { createHotlineConsoleServices, type HotlineConsoleServices } from './modules/hotline/console.deps.ts';

/** The composition root's product: configuration, the database, and every service. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  sessions: SessionStore;
  agencies: AgencyService;
  staff: StaffService;
  calendar: CalendarService;
  catalog: CatalogService;
  search: SearchService;
  items: ItemsService;
  requests: RequestsService;
  report: ReportService;
  hotline: HotlineService;
  hotlineConsole: HotlineConsoleServices;
}

/** Wires repositories and services over one database. Jobs, the CLI and the server all use this. */
export function createDeps(config: Config, database: Database): Deps {
  const db = database.db;
  const staff = createStaffService({ db });
  const calendar = createCalendarService(db);
  // one items service: its after-commit listeners (page caches, feeds) must hear drafts and publications from every module
  const items = createItemsService({ db, config, calendar, storage: createFileStorage(config), indexer: createSearchIndexer() });
  return {
    config,
    database,
    db,
    sessions: staff.sessions,
    agencies: createAgencyService(db, { afterSubtreeChanged: async (tx, agencyId) => void (await reindexAgencyItems(tx, agencyId)) }),
    staff,
    calendar,
    catalog: createCatalogService(db),
    search: createSearchService({ db, agencies: createAgencyService(db) }),
    items,
    requests: createRequestsService({ db, config, calendar, storage: createFileStorage(config), agencies: createAgencyService(db), items }),
    report: createReportService({ db, agencies: createAgencyService(db), calendar, catalog: createCatalogService(db), items }),
    hotline: createHotlineService({ db, calendar, secret: config.sessionSecret, storage: createFileStorage(config), maxUploadBytes: config.maxUploadBytes, publicUploadBytes: config.publicUploadBytes }),
    hotlineConsole: createHotlineConsoleServices({ db, agencies: createAgencyService(db), calendar }),
  };
}
