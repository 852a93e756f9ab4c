// 12345 public side in Chromium: a citizen submits the web form without JavaScript, sees every field error at once,
// attaches a picture, gets the number and query code, tracks the ticket (the file is not shown publicly); the 市长信箱
// shows a published letter with a masked reply.
// axe: 0 violations on every page.
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, type TestPage } from './lib/browser.ts';
import { useGongkai } from './lib/suite.ts';

const gk = useGongkai();

function withPage(options: BrowserContextOptions, fn: (t: TestPage) => Promise<void>): Promise<void> {
  // a form answered 400 (field errors) or 404 (wrong query code) is intended; anything else is not
  return gk.withPage(options, fn, (e) => /the server responded with a status of (400|404)/.test(e));
}

// axe runs in the page, so it needs JavaScript: the no-script run checks the flow, the scripted run checks each page
describe('a citizen on /hotline', () => {
  for (const javaScriptEnabled of [false, true]) {
    it(`submits the web form${javaScriptEnabled ? ' (axe on every page)' : ' without JavaScript'}, fixes the errors, and tracks the ticket`, async () => {
      await citizenFlow(javaScriptEnabled);
    });
  }
});

async function citizenFlow(javaScriptEnabled: boolean): Promise<void> {
  const axe = async (page: TestPage['page']) => {
    if (javaScriptEnabled) await expectNoAxeViolations(page);
  };
  await withPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled }, async ({ page }) => {
    const res = await page.goto(`${gk.server.url}/hotline`);
    expect(res?.status()).toBe(200);
    await axe(page);

    // every field error at once, in Chinese, with the input kept
    await page.fill('#field-address', '渝中区民族路 100 号门口');
    await page.fill('#field-contactPhone', '12');
    await page.click('form[action="/hotline"] button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('提交的内容有 3 处需要修改');
    for (const m of ['诉求类型：请选择', '诉求内容：必须填写', '联系电话：格式不正确']) expect(await page.locator('.error-summary').innerText()).toContain(m);
    expect(await page.inputValue('#field-address')).toBe('渝中区民族路 100 号门口');
    await axe(page);

    await page.selectOption('#field-type', 'complaint');
    await page.selectOption('#field-categoryCode', '010103');
    await page.selectOption('#field-districtCode', '500103');
    await page.fill('#field-content', '民族路 100 号门口的路灯坏了一个星期，晚上行人看不清台阶');
    await page.fill('#field-contactPhone', '13800000002');
    // an optional, labelled file field (multipart works without JavaScript): a 1×1 PNG
    expect(await page.getByLabel('图片或文件').getAttribute('type')).toBe('file');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await page.setInputFiles('#field-attachments', { name: '路灯.png', mimeType: 'image/png', buffer: png });
    await page.click('form[action="/hotline"] button[type=submit]');
    const number = (await page.locator('#receipt-number').innerText()).trim();
    const code = (await page.locator('#receipt-code').innerText()).trim();
    expect(number).toMatch(/^\d{14}$/);
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    await axe(page);

    await page.click('a[href="/hotline/track"]');
    await page.fill('#field-number', number);
    await page.fill('#field-code', code.toLowerCase());
    await page.click('form[action="/hotline/track"] button[type=submit]');
    expect(await page.locator('#track-stage').innerText()).toBe('待受理');
    expect(await page.locator('main').innerText()).not.toContain('13800000002');
    expect(await page.locator('main').innerText()).not.toContain('路灯.png');
    await axe(page);

    // a wrong code says only that number or code is wrong
    await page.fill('#field-code', 'ZZZZZZ');
    await page.click('form[action="/hotline/track"] button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('工单编号或查询码不正确');
  });
}

describe('the 市长信箱', () => {
  it('lists published letters with 留言时间 and 答复时间 and shows a masked reply', async () => {
    await withPage({ viewport: { width: 375, height: 812 }, isMobile: true }, async ({ page }) => {
      const res = await page.goto(`${gk.server.url}/hotline/mailbox`);
      expect(res?.status()).toBe(200);
      const main = await page.locator('main').innerText();
      for (const t of ['留言时间', '答复时间', '个工作日内答复率', '最久未答复的来信']) expect(main).toContain(t);
      await expectNoAxeViolations(page);
      // the demo replies name a clerk's mobile number: the privacy gate masked it before publication
      const links = page.locator('main table a[href^="/hotline/mailbox/"]');
      expect(await links.count()).toBeGreaterThan(0);
      let masked = false;
      for (let i = 0; i < (await links.count()) && !masked; i++) {
        await page.goto(`${gk.server.url}${await links.nth(i).getAttribute('href')}`);
        const reply = await page.locator('#letter-reply').innerText();
        expect(reply).not.toMatch(/1[3-9]\d{9}/);
        masked = reply.includes('138****5678');
        if (!masked) await page.goBack();
      }
      expect(masked, 'a published reply with a masked phone number').toBe(true);
      await expectNoAxeViolations(page);
    });
  });
});
