import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { calendarModule } from './calendar/index.ts';
import { portalModule } from './portal/index.ts';
import { staffModule } from './staff/index.ts';
import { agenciesModule } from './agencies/index.ts';
import { searchModule } from './disclosure/search.module.ts';
import { catalogModule } from './disclosure/catalog.module.ts';
import { disclosurePortalModule } from './disclosure/portal.items.module.ts';
import { itemsConsoleModule } from './disclosure/items.console.module.ts';
import { requestsModule } from './requests/requests.module.tsx';
import { hotlineModule } from './hotline/hotline.module.ts';
import { hotlineConsoleModule } from './hotline/console.module.ts';
import { reportModule } from './report/index.ts';

/** A domain module registers its routes; its services are wired in deps.ts. */
export interface Module {
  name: string;
  register(app: FastifyInstance, deps: Deps): Promise<void>;
}

// one line per module, sorted
export const MODULES: Module[] = [
  agenciesModule,
  calendarModule,
  catalogModule,
  disclosurePortalModule,
  hotlineModule,
  hotlineConsoleModule,
  itemsConsoleModule,
  portalModule,
  reportModule,
  requestsModule,
  searchModule,
  staffModule,
];
