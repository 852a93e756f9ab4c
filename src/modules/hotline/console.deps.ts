// The hotline console's services (知识库, 派单目录, queues, supervision), wired once in deps.ts as `hotlineConsole`.
import type { CalendarService } from '../../platform/calendar/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AgencyService } from '../agencies/index.ts';
import { createDirectoryService, type DirectoryService } from './directory.service.ts';
import { DEFAULT_HOTLINE_CONFIG, type HotlineConfig } from './hotline.config.ts';
import { createKbService, type KbService } from './kb.service.ts';
import { createSupervisionService, type SupervisionService } from './supervision.service.ts';

export interface HotlineConsoleServices {
  kb: KbService;
  directory: DirectoryService;
  supervision: SupervisionService;
}

export interface HotlineConsoleOptions {
  db: Db;
  agencies: AgencyService;
  calendar: Pick<CalendarService, 'overrides'>;
  config?: HotlineConfig;
  now?: () => Date;
}

export function createHotlineConsoleServices(opts: HotlineConsoleOptions): HotlineConsoleServices {
  const config = opts.config ?? DEFAULT_HOTLINE_CONFIG;
  const kb = createKbService({ db: opts.db, agencies: opts.agencies, ...(opts.now ? { now: opts.now } : {}) });
  const directory = createDirectoryService({ db: opts.db, agencies: opts.agencies, config });
  const supervision = createSupervisionService({
    db: opts.db,
    agencies: opts.agencies,
    config,
    districtNames: async () => new Map((await directory.listDistricts()).map((d) => [d.divisionCode, d.name])),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { kb, directory, supervision };
}
