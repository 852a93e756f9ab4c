import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './lib/browser.ts';
import { DESKTOP, PHONE, signIn, useGongkai } from './lib/suite.ts';

// Issue 3's browser flow on the demo data: bgt-editor (部门编辑) and bgt-reviewer (部门审核) of 重庆市人民政府办公厅,
// whose seed document 渝府办发〔2018〕76号 was imported and published when the server seeded its database.
const EDITOR = { username: 'bgt-editor', password: 'gongkai-demo' };
const REVIEWER = { username: 'bgt-reviewer', password: 'gongkai-demo' };
const POLICY_TITLE = '重庆市人民政府办公厅关于深化政务公开促进基层政务公开标准化规范化的通知';
const INTERPRETATION_TITLE = '《关于深化政务公开促进基层政务公开标准化规范化的通知》政策解读';
const SEED_TITLE = '重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知';

const gk = useGongkai();
const { withPage } = gk;

/** Clicks a verb's button and waits for the redirect back to the item page; returns the flash text. */
async function doVerb(page: Page, button: string): Promise<string> {
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(/\/console\/items\/[0-9a-f-]+$/), page.getByRole('button', { name: button, exact: true }).click()]);
  return page.locator('.flash, [role="status"], [role="alert"]').first().innerText();
}

/** Fills the draft form's common fields. */
async function fillDraft(page: Page, fields: { title: string; genre: string; body: string }): Promise<void> {
  await page.getByRole('textbox', { name: '标题' }).fill(fields.title);
  await page.getByRole('textbox', { name: '成文日期' }).fill(await todayInShanghai(page));
  await page.getByRole('combobox', { name: '主题分类' }).selectOption({ index: 1 });
  await page.getByRole('combobox', { name: '体裁' }).selectOption({ label: fields.genre });
  await page.getByRole('textbox', { name: '正文（HTML）' }).fill(fields.body);
  await page.getByRole('combobox', { name: '公开属性' }).selectOption({ label: '主动公开' });
}

async function todayInShanghai(page: Page): Promise<string> {
  return page.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()));
}

describe('disclosure: a 重大政策 with its interpretation, from drafting to revocation', () => {
  let policyConsoleUrl = '';
  let policyPublicUrl = '';

  it('a 部门编辑 drafts a 重大政策 and its interpretation, and submits both', async () => {
    await withPage(DESKTOP, async ({ page }) => {
      await signIn(page, gk.server.url, EDITOR);
      await page.goto(`${gk.server.url}/console/items/new`);
      expect(await page.locator('h1').innerText()).toContain('新建');
      await expectNoAxeViolations(page);
      await fillDraft(page, { title: POLICY_TITLE, genre: '行政规范性文件', body: '<p>为深化政务公开，推进基层政务公开标准化规范化，现就有关事项通知如下。</p>' });
      await page.getByRole('textbox', { name: '发文字号' }).fill(`渝府办发〔${(await todayInShanghai(page)).slice(0, 4)}〕99号`);
      await page.getByRole('checkbox', { name: '重大政策（须与政策解读同步发布）' }).check();
      await page.locator('input[name="catalogNodeIds"]').first().check();
      await Promise.all([page.waitForURL(/\/console\/items\/[0-9a-f-]+$/), page.getByRole('button', { name: '保存草稿' }).click()]);
      policyConsoleUrl = page.url();
      expect(await page.locator('main').innerText()).toContain(POLICY_TITLE);
      await expectNoAxeViolations(page);

      // the interpretation, from the policy's "new interpretation" link or the form with the policy ticked
      await page.goto(`${gk.server.url}/console/items/new?interprets=${policyConsoleUrl.split('/').pop() ?? ''}`);
      await fillDraft(page, { title: INTERPRETATION_TITLE, genre: '政策解读', body: '<p>一、起草背景。二、主要内容。三、政务公开的具体要求。</p>' });
      await page.getByRole('combobox', { name: '解读形式' }).selectOption({ label: '文字' });
      const policyId = policyConsoleUrl.split('/').pop() ?? '';
      expect(await page.locator(`input[name="interpretsItemIds"][value="${policyId}"]`).isChecked()).toBe(true);
      await page.locator('input[name="catalogNodeIds"]').first().check();
      await Promise.all([page.waitForURL(/\/console\/items\/[0-9a-f-]+$/), page.getByRole('button', { name: '保存草稿' }).click()]);
      expect(await page.locator('main').innerText()).toContain('解读的政策');
      expect(await doVerb(page, '提交审核')).toContain('提交');

      await page.goto(policyConsoleUrl);
      expect(await page.locator('main').innerText()).toContain('政策解读');
      expect(await doVerb(page, '提交审核')).toContain('提交');
    });
  });

  it('the 部门审核 confirms 保密审查 on both and publishes them in one action', async () => {
    await withPage(DESKTOP, async ({ page }) => {
      await signIn(page, gk.server.url, REVIEWER);
      await page.goto(policyConsoleUrl);
      const interpretationLink = page.locator('main a', { hasText: INTERPRETATION_TITLE });
      const interpretationUrl = new URL((await interpretationLink.getAttribute('href')) ?? '', gk.server.url).toString();
      await page.goto(interpretationUrl);
      expect(await doVerb(page, '确认已完成保密审查')).toContain('保密审查');

      await page.goto(policyConsoleUrl);
      // publishing without 保密审查 is refused with the article
      await page.getByRole('button', { name: '发布', exact: true }).click();
      await page.waitForLoadState('load');
      expect(await page.locator('main').innerText()).toContain('保密审查');
      await page.goto(policyConsoleUrl);
      expect(await doVerb(page, '确认已完成保密审查')).toContain('保密审查');
      const flash = await doVerb(page, '发布');
      expect(flash).toContain('索引号');
      expect(flash).toContain('一并发布了 1 篇政策解读');
      await expectNoAxeViolations(page);
      const main = await page.locator('main').innerText();
      const indexNumber = /索引号\s*([0-9A-Z]{18}\/\d{4}-\d{5})/.exec(main)?.[1];
      expect(indexNumber, main).toBeTruthy();
      policyPublicUrl = `${gk.server.url}/xxgk/${indexNumber ?? ''}`;
    }, (e) => e.includes('status of 400')); // the refused publish answers 400 on purpose
  });

  it('a citizen on a phone searches 政务公开, finds the seed document and the new policy, and sees the interpretation link', async () => {
    await withPage(PHONE, async ({ page }) => {
      await page.goto(`${gk.server.url}/`);
      // the search box sits behind the phone menu or in the header; the search page has its own box
      await page.goto(`${gk.server.url}/search`);
      await page.getByRole('searchbox').first().fill('政务公开');
      await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('searchbox').first().press('Enter')]);
      const results = await page.locator('main').innerText();
      expect(results).toContain(SEED_TITLE);
      expect(results).toContain(POLICY_TITLE);
      await expectNoAxeViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'no horizontal scrolling at 375 px').toBeLessThanOrEqual(0);

      await Promise.all([page.waitForLoadState('load'), page.locator('main a', { hasText: POLICY_TITLE }).first().click()]);
      expect(page.url()).toBe(policyPublicUrl);
      const link = page.locator('main a', { hasText: INTERPRETATION_TITLE });
      expect(await link.count()).toBeGreaterThan(0);
      await expectNoAxeViolations(page);
      await Promise.all([page.waitForLoadState('load'), link.first().click()]);
      expect(await page.locator('h1').innerText()).toContain('政策解读');
      expect(await page.locator('main a', { hasText: POLICY_TITLE }).count()).toBeGreaterThan(0);
    });
  });

  it('the reviewer revokes the policy, and the citizen sees the banner', async () => {
    await withPage(DESKTOP, async ({ page }) => {
      await signIn(page, gk.server.url, REVIEWER);
      await page.goto(policyConsoleUrl);
      await page.getByRole('combobox', { name: '有效性' }).selectOption({ label: '废止' });
      await page.getByRole('textbox', { name: '失效或废止日期' }).fill(await todayInShanghai(page));
      await page.getByRole('textbox', { name: '理由', exact: true }).fill('已被新的基层政务公开规定取代。');
      expect(await doVerb(page, '宣布失效或废止')).toBeTruthy();
    });
    await withPage(PHONE, async ({ page }) => {
      const res = await page.goto(policyPublicUrl);
      expect(res?.status()).toBe(200);
      const banner = await page.locator('main').innerText();
      expect(banner).toContain('本文件已废止');
      expect(banner).toContain('已被新的基层政务公开规定取代。');
      await expectNoAxeViolations(page);
    });
  });
});
