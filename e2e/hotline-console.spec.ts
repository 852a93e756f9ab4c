// 12345 console in Chromium, on the demo data: an agent takes a call, accepts the suggested agency and dispatches;
// the handler (渝中区承办人) signs, contacts and replies; the center approves, the callback records 不满意 and the ticket
// is reopened (重办). axe: 0 violations on every page, also the knowledge base, 派单目录 and supervision pages.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, type TestPage } from './lib/browser.ts';
import { signIn, useGongkai } from './lib/suite.ts';

const PASSWORD = 'gongkai-demo';
const gk = useGongkai();

function withPage(fn: (t: TestPage) => Promise<void>): Promise<void> {
  // the deliberately empty intake answers 400, which Chromium logs; anything else (a CSP violation) fails
  return gk.withPage({ viewport: { width: 1280, height: 900 } }, fn, (e) => e.includes('status of 400'));
}

const demoUser = (username: string) => ({ username, password: PASSWORD });

async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(`${gk.server.url}/console/login`), page.getByRole('button', { name: '退出登录' }).click()]);
}

/** Clicks a form's submit button and waits for the page the POST leads to. */
async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: button, exact: true }).click()]);
  await page.waitForLoadState('load');
}

describe('12345 console', () => {
  it('call → suggested agency → dispatch → sign → reply → 不满意 → 重办', async () => {
    await withPage(async ({ page }) => {
      await signIn(page, gk.server.url, demoUser('rx-agent'));
      await page.goto(`${gk.server.url}/console/hotline`);
      expect(await page.locator('h1').innerText()).toBe('12345热线');
      await expectNoAxeViolations(page);

      // the agent takes a call
      await page.getByRole('link', { name: '受理来电' }).click();
      await page.waitForURL(`${gk.server.url}/console/hotline/intake`);
      await expectNoAxeViolations(page);
      await submit(page, '受理'); // empty: every field error at once
      expect(await page.locator('.error-summary').innerText()).toContain('诉求类型');
      await expectNoAxeViolations(page);
      await page.getByLabel('诉求类型').selectOption('complaint');
      await page.getByLabel('诉求分类').selectOption('010101');
      await page.getByLabel('所在区县').selectOption('500103');
      await page.getByLabel('地址（选填）').fill('渝中区民族路 188 号');
      await page.getByLabel('诉求内容').fill('民族路188号门口人行道旁边的路面塌了一个大坑，已经三天了，晚上骑车很危险，希望尽快修补。');
      await page.getByLabel('来电人姓名（选填）').fill('李女士');
      await page.getByLabel('联系电话（选填）').fill('13900001111');
      await submit(page, '受理');
      expect(page.url()).toContain('/console/hotline/tickets/');
      expect(await page.locator('.flash').innerText()).toMatch(/工单编号 \d{14}，查询码 [0-9A-Z]{6}/);
      const ticketUrl = page.url();

      // top suggestion, with its score and reasons, is preselected: accept it and dispatch
      const first = page.locator('.suggestion').first();
      expect(await first.innerText()).toContain('推荐 1：重庆市渝中区人民政府');
      expect(await first.innerText()).toContain('派单目录');
      expect(await first.locator('input[type=radio]').isChecked()).toBe(true);
      await expectNoAxeViolations(page);
      await submit(page, '派单');
      expect(await page.locator('.flash').innerText()).toContain('已派单');
      expect(await page.locator('main').innerText()).toContain('待签收');
      await signOut(page);

      // the handler signs, contacts the caller and replies
      await signIn(page, gk.server.url, demoUser('yz-handler'));
      await page.goto(`${gk.server.url}/console/hotline`);
      await expectNoAxeViolations(page);
      await page.goto(ticketUrl);
      await expectNoAxeViolations(page);
      await submit(page, '签收');
      await page.getByLabel('联系结果').selectOption('reached');
      await page.getByLabel('联系情况').fill('已电话联系李女士，告知将安排现场查看');
      await submit(page, '先行联系');
      await page.getByLabel('答复内容').fill('经现场查看，已安排市政养护单位于今日完成该处路面修补，并设置了临时警示标志。感谢您的反映。');
      await submit(page, '答复');
      expect(await page.locator('main').innerText()).toContain('待审核');
      await expectNoAxeViolations(page);
      await signOut(page);

      // the center approves; the callback records 不满意 and the ticket is reopened
      await signIn(page, gk.server.url, demoUser('rx-agent'));
      await page.goto(ticketUrl);
      await submit(page, '审核通过（办结）');
      await page.getByLabel('满意度').selectOption('dissatisfied');
      await page.getByLabel('解决情况').selectOption('unresolved');
      await page.getByLabel('回访记录（选填）').fill('来电人称坑只填了一半');
      await submit(page, '回访');
      expect(await page.locator('main').innerText()).toContain('不满意');
      await expectNoAxeViolations(page);
      await page.getByLabel('重办理由（不满意核实情况）').fill('经核实路面修补不彻底，诉求合理');
      await submit(page, '重办');
      expect(await page.locator('.flash').innerText()).toContain('已重新派单');
      expect(await page.locator('main').innerText()).toContain('待签收');
      await expectNoAxeViolations(page);
    });
  });

  it('knowledge base, 派单目录 and supervision pages have no axe violations', async () => {
    await withPage(async ({ page }) => {
      await signIn(page, gk.server.url, demoUser('rx-agent'));
      for (const path of ['/console/hotline/kb', '/console/hotline/kb/review', '/console/hotline/kb/new', '/console/hotline/directory', '/console/hotline/supervision']) {
        const res = await page.goto(`${gk.server.url}${path}`);
        expect(res?.status(), path).toBe(200);
        await expectNoAxeViolations(page);
      }
      expect(await page.locator('main').innerText()).toContain('响应率 =');
    });
  });
});
