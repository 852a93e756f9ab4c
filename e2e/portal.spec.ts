import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './lib/browser.ts';
import { DESKTOP, PHONE, useGongkai } from './lib/suite.ts';

const gk = useGongkai();
const { withPage } = gk;

describe('portal home', () => {
  it('at 375 px: one column, navigation behind <details>, no axe violations', async () => {
    await withPage(PHONE, async ({ page }) => {
      const res = await page.goto(`${gk.server.url}/`);
      expect(res?.status()).toBe(200);
      await expect(page.title()).resolves.toContain('重庆市人民政府');
      const summary = page.locator('.nav-phone summary');
      expect(await summary.isVisible()).toBe(true);
      expect(await page.locator('.nav-wide').isVisible()).toBe(false);
      expect(await page.locator('.nav-phone a[href="/disclosure"]').isVisible()).toBe(false);
      await summary.click();
      expect(await page.locator('.nav-phone a[href="/disclosure"]').isVisible()).toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'no horizontal scrolling at 375 px').toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page);
    });
  });

  it('at 1280 px: navigation shown inline, content at most 1200 px wide, no axe violations', async () => {
    await withPage(DESKTOP, async ({ page }) => {
      await page.goto(`${gk.server.url}/`);
      expect(await page.locator('.nav-wide a[href="/"]').isVisible()).toBe(true);
      expect(await page.locator('.nav-phone').isVisible()).toBe(false);
      const mainWidth = await page.locator('main').evaluate((el) => el.getBoundingClientRect().width);
      expect(mainWidth).toBeLessThanOrEqual(1200);
      for (const text of ['主办单位', '网站标识码', '渝ICP备', '公网安备']) expect(await page.locator('footer').innerText()).toContain(text);
      await expectNoAxeViolations(page);
    });
  });

  it('长者模式 turns on and off by a plain link without JavaScript: larger text, 44 px targets', async () => {
    await withPage({ ...DESKTOP, javaScriptEnabled: false }, async ({ page, context }) => {
      await page.goto(`${gk.server.url}/`);
      const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(normal).toBe(16);
      await page.locator('.topbar a.elder-toggle').click();
      await page.waitForURL(`${gk.server.url}/`);
      expect((await context.cookies()).find((c) => c.name === 'gk_elder')?.value).toBe('1');
      expect(await page.locator('body').getAttribute('class')).toContain('elder');
      const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      // 18 px × 1.3 = 23.4 px (the float product is 23.400000000000002)
      expect(size).toBeGreaterThanOrEqual(23.4);
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('a, button, input, summary')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.left >= 0 && getComputedStyle(el).visibility !== 'hidden';
          })
          .map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 20) || el.tagName, height: el.getBoundingClientRect().height }))
          .filter((t) => t.height < 44),
      );
      expect(small, 'every visible link and control is at least 44 px high').toEqual([]);
      await page.locator('.topbar a.elder-toggle').click();
      await page.waitForURL(`${gk.server.url}/`);
      expect(await page.locator('body').getAttribute('class')).not.toContain('elder');
    });
  });

  it('长者模式 at 375 px and 1280 px has no axe violations', async () => {
    for (const options of [PHONE, DESKTOP]) {
      await withPage(options, async ({ page, context }) => {
        await context.addCookies([{ name: 'gk_elder', value: '1', url: gk.server.url }]);
        await page.goto(`${gk.server.url}/`);
        expect(await page.locator('body').getAttribute('class')).toContain('elder');
        await expectNoAxeViolations(page);
      });
    }
  });

  it('keyboard: the first Tab shows 跳到正文 with the 3 px #FFBF47 focus ring', async () => {
    await withPage(DESKTOP, async ({ page }) => {
      await page.goto(`${gk.server.url}/`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return { text: el.textContent, outline: `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`, left: r.left };
      });
      expect(focused.text).toBe('跳到正文');
      expect(focused.outline).toBe('3px solid rgb(255, 191, 71)');
      expect(focused.left).toBeGreaterThanOrEqual(0);
      await page.keyboard.press('Enter');
      expect(page.url()).toBe(`${gk.server.url}/#main`);
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => (document.activeElement as HTMLElement).closest('main') !== null);
      expect(next, 'after 跳到正文 the next Tab stays in the main content').toBe(true);
    });
  });
});

describe('other portal pages', () => {
  it.each(['/sitemap', '/accessibility'])('%s has breadcrumbs and no axe violations', async (pathname) => {
    await withPage(DESKTOP, async ({ page }) => {
      const res = await page.goto(`${gk.server.url}${pathname}`);
      expect(res?.status()).toBe(200);
      expect(await page.locator('nav.crumbs a[href="/"]').isVisible()).toBe(true);
      await expectNoAxeViolations(page);
    });
  });

  it('the 404 page is in Chinese and has no axe violations', async () => {
    await withPage(PHONE, async ({ page, errors }) => {
      const res = await page.goto(`${gk.server.url}/no-such-page`);
      expect(res?.status()).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('页面不存在');
      await expectNoAxeViolations(page);
      // the browser logs the 404 response itself as a console error
      errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('404')));
    });
  });
});
