import { buildApp, type App } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { createDeps, type Deps } from './deps.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { syncCalendarFromPackage } from './platform/calendar/index.ts';
import { ensureMissingCatalogs } from './modules/disclosure/catalog.setup.ts';
import { seedDemoDataIfEmpty, DEMO_SIGN_IN } from './seed.ts';
import { JOBS } from './jobs.ts';
import { startJobsRunner, type JobsRunner } from './platform/jobs/runner.ts';

export interface RunningServer {
  app: App;
  deps: Deps;
  url: string;
  /** the pg-boss runner, or null when JOBS_ENABLED=false */
  jobs: JobsRunner | null;
  close(): Promise<void>;
}

/** config → database (migrated, demo data if empty) → deps → app → listen. */
export async function startServer(config: Config = loadConfig(), options: { seed?: boolean; quiet?: boolean } = {}): Promise<RunningServer> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    await syncCalendarFromPackage(database.db);
    const deps = createDeps(config, database);
    const seeded = options.seed === false ? false : await seedDemoDataIfEmpty(deps);
    // every agency has its 主动公开基本目录, including agencies created before the catalog existed
    await ensureMissingCatalogs(database.db);
    const app = await buildApp(deps);
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    // after migrations and seeding, so a job never sees a half-built database
    const jobs = config.jobsEnabled ? await startJobsRunner(deps, JOBS, { log: app.log }).catch(async (err: unknown) => { await app.close(); throw err; }) : null;
    if (!options.quiet) {
      const signIn = seeded || config.env !== 'production' ? `　演示账号 ${DEMO_SIGN_IN.username} / ${DEMO_SIGN_IN.password}` : '';
      process.stdout.write(`gongkai 已启动（${database.mode === 'embedded' ? `嵌入式数据库 ${config.dataDir}` : 'PostgreSQL'}）：门户 ${url}　管理后台 ${url}/console${signIn}\n`);
    }
    let closing: Promise<void> | null = null;
    const close = () => (closing ??= (async () => {
      await jobs?.stop();
      await app.close();
      await database.close();
    })());
    return { app, deps, url, jobs, close };
  } catch (err) {
    await database.close();
    throw err;
  }
}
