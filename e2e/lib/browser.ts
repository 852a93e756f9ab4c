import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** console errors and page errors seen so far (a CSP violation shows up here) */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh context (no cookies) and page for one test; collects console errors. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  return { page, context, errors, close: () => context.close() };
}

let axeSource: string | null = null;
function loadAxe(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, plus best practices) in the page and throws listing every
 * violation. The source is evaluated through the DevTools protocol: the CSP forbids injected script tags.
 */
export async function expectNoAxeViolations(page: Page, options: { disableRules?: string[] } = {}): Promise<void> {
  const hasAxe = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.evaluate(loadAxe());
  const violations = await page.evaluate(async (disable: string[]) => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const rules = Object.fromEntries(disable.map((id) => [id, { enabled: false }]));
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, rules, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, options.disableRules ?? []);
  if (violations.length > 0) {
    const lines = violations.flatMap((v) => [`${v.id} (${v.impact ?? '?'}): ${v.help}`, ...v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)]);
    throw new Error(`${violations.length} 项无障碍问题（axe）于 ${page.url()}:\n${lines.join('\n')}`);
  }
}
