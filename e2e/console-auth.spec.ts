import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './lib/browser.ts';
import { DESKTOP, useGongkai } from './lib/suite.ts';

// The server seeds its demo data on an empty database: bgt-editor is 部门编辑 of 重庆市人民政府办公厅.
const CLERK = { username: 'bgt-editor', password: 'gongkai-demo' };

const gk = useGongkai();

describe('console sign-in', () => {
  it('the sign-in page is Chinese and has no axe violations', async () => {
    await gk.withPage(DESKTOP, async ({ page }) => {
      const res = await page.goto(`${gk.server.url}/console/login`);
      expect(res?.status()).toBe(200);
      expect(await page.locator('h1').innerText()).toBe('登录管理后台');
      expect(await page.getByRole('textbox', { name: '用户名' }).isVisible()).toBe(true);
      expect(await page.getByRole('textbox', { name: '密码' }).isVisible()).toBe(true);
      await expectNoAxeViolations(page);
    });
  });

  it('a clerk signs in, sees the dashboard with agency and role, and signs out', async () => {
    await gk.withPage(DESKTOP, async ({ page, context }) => {
      // opening a console page without a session leads to sign-in and back
      await page.goto(`${gk.server.url}/console`);
      expect(new URL(page.url()).pathname).toBe('/console/login');
      await page.getByRole('textbox', { name: '用户名' }).fill(CLERK.username);
      await page.getByRole('textbox', { name: '密码' }).fill(CLERK.password);
      await Promise.all([page.waitForURL(`${gk.server.url}/console`), page.getByRole('button', { name: '登录' }).click()]);
      expect(await page.locator('h1').innerText()).toBe('工作台');
      const main = await page.locator('main').innerText();
      expect(main).toContain('重庆市人民政府办公厅');
      expect(main).toContain('部门编辑');
      const sid = (await context.cookies()).find((c) => c.name === 'gk_sid');
      expect(sid?.httpOnly).toBe(true);
      expect(sid?.sameSite).toBe('Lax');
      await expectNoAxeViolations(page);

      await Promise.all([page.waitForURL(`${gk.server.url}/console/login`), page.getByRole('button', { name: '退出登录' }).click()]);
      expect(await page.locator('.flash').innerText()).toContain('已安全退出');
      await page.goto(`${gk.server.url}/console`);
      expect(new URL(page.url()).pathname).toBe('/console/login');
    });
  });

  it('a wrong password shows a Chinese error in the error summary, with no axe violations', async () => {
    await gk.withPage(
      DESKTOP,
      async ({ page }) => {
        await page.goto(`${gk.server.url}/console/login`);
        await page.getByRole('textbox', { name: '用户名' }).fill(CLERK.username);
        await page.getByRole('textbox', { name: '密码' }).fill('not-the-password');
        const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/console/login') && r.request().method() === 'POST'), page.getByRole('button', { name: '登录' }).click()]);
        expect(res.status()).toBe(401);
        const summary = page.locator('.error-summary');
        expect(await summary.isVisible()).toBe(true);
        expect(await summary.innerText()).toContain('用户名或密码错误');
        expect(await page.getByRole('textbox', { name: '用户名' }).inputValue()).toBe(CLERK.username);
        expect(await page.getByRole('textbox', { name: '密码' }).inputValue()).toBe('');
        await expectNoAxeViolations(page);
      },
      (e) => e.includes('401'),
    );
  });

  it('a form POST without its CSRF token is refused', async () => {
    await gk.withPage(
      DESKTOP,
      async ({ page }) => {
        await page.goto(`${gk.server.url}/console/login`);
        await page.evaluate(() => document.querySelector('input[name="_csrf"]')?.remove());
        await page.getByRole('textbox', { name: '用户名' }).fill(CLERK.username);
        await page.getByRole('textbox', { name: '密码' }).fill(CLERK.password);
        const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/console/login') && r.request().method() === 'POST'), page.getByRole('button', { name: '登录' }).click()]);
        expect(res.status()).toBe(403);
        expect(await page.locator('main').innerText()).toContain('CSRF');
        expect((await page.context().cookies()).some((c) => c.name === 'gk_sid')).toBe(false);
      },
      (e) => e.includes('403'),
    );
  });
});
