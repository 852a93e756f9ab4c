import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, openPage, type TestPage } from './browser.ts';
import { startGongkai, type GongkaiServer, type StartOptions } from './server.ts';

/** A phone (375 × 812, touch, 2× pixels). */
export const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
/** A desktop window (1280 × 800). */
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

/** Which console errors a test expects (e.g. a form answered 400 on purpose); the rest fail it. */
export type AllowErrors = (error: string) => boolean;

/** Opens a fresh page, runs fn, then expects no console errors except the allowed ones, and closes the page. */
export async function withTestPage(browser: Browser, options: BrowserContextOptions, fn: (t: TestPage) => Promise<void>, allowErrors: AllowErrors = () => false): Promise<void> {
  const t = await openPage(browser, options);
  try {
    await fn(t);
    expect(
      t.errors.filter((e) => !allowErrors(e)),
      'console errors (a CSP violation would show here)',
    ).toEqual([]);
  } finally {
    await t.close();
  }
}

/** Signs in on the console's sign-in page and waits for the console home. */
export async function signIn(page: Page, baseUrl: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/console/login`);
  await page.getByRole('textbox', { name: '用户名' }).fill(who.username);
  await page.getByRole('textbox', { name: '密码' }).fill(who.password);
  await Promise.all([page.waitForURL(`${baseUrl}/console`), page.getByRole('button', { name: '登录' }).click()]);
}

export interface GongkaiSuite {
  /** the gongkai started for this spec file (set in beforeAll) */
  readonly server: GongkaiServer;
  /** the Chromium launched for this spec file (set in beforeAll) */
  readonly browser: Browser;
  /** withTestPage on this suite's browser */
  withPage(options: BrowserContextOptions, fn: (t: TestPage) => Promise<void>, allowErrors?: AllowErrors): Promise<void>;
}

/**
 * Registers beforeAll/afterAll that start gongkai (a child process on a fresh database, see startGongkai) and Chromium
 * for the calling spec file, and stop both afterwards. Call it at the top level of the spec.
 */
export function useGongkai(startOptions?: StartOptions): GongkaiSuite {
  let server: GongkaiServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const [started, launched] = await Promise.allSettled([startGongkai(startOptions), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const suite: GongkaiSuite = {
    get server() {
      if (!server) throw new Error('gongkai is not running (useGongkai: beforeAll has not run or failed)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not running (useGongkai: beforeAll has not run or failed)');
      return browser;
    },
    withPage: (options, fn, allowErrors) => withTestPage(suite.browser, options, fn, allowErrors),
  };
  return suite;
}
