import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './lib/browser.ts';
import { DESKTOP, signIn, useGongkai } from './lib/suite.ts';

// Issue 6's browser flow on the demo data: bgt-reviewer (部门审核 of 重庆市人民政府办公厅) writes and publishes last
// year's annual report; the portal shows it as an accessible page with real table markup.
const REVIEWER = { username: 'bgt-reviewer', password: 'gongkai-demo' };
const YEAR = new Date().getFullYear() - 1;

const gk = useGongkai();

describe('annual report', () => {
  it('is written and published in the console, then read on the portal with tables and axe 0 violations', { timeout: 180_000 }, async () => {
    // gk.withPage also expects no console errors once the flow is done
    await gk.withPage(DESKTOP, async ({ page }) => {
      await signIn(page, gk.server.url, REVIEWER);
      await page.getByRole('link', { name: '年度报告' }).first().click();
      await page.getByRole('textbox', { name: '年度' }).fill(String(YEAR));
      await Promise.all([page.waitForURL(/\/console\/reports\/[0-9a-f-]+\/\d{4}$/), page.getByRole('button', { name: '查看报告' }).click()]);
      await expectNoAxeViolations(page);

      await page.getByRole('textbox', { name: '一、总体情况' }).fill(`${YEAR}年，本机关坚持以公开为常态、不公开为例外。`);
      await page.getByRole('textbox', { name: '五、存在的主要问题及改进情况' }).fill('个别栏目更新不够及时，将加强日常检查。');
      await page.getByRole('textbox', { name: '六、其他需要报告的事项' }).fill('无。');
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '保存正文和说明' }).click()]);
      expect(await page.locator('[role="status"]').first().innerText()).toContain('已保存');

      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: '发布年度报告' }).click()]);
      const flash = await page.locator('[role="status"]').first().innerText();
      expect(flash).toContain('已发布');
      const indexNumber = /索引号 (\S+?)。/.exec(flash)?.[1];
      expect(indexNumber).toBeTruthy();

      await page.goto(`${gk.server.url}/xxgk/${indexNumber}`);
      await expect(page.title()).resolves.toContain('政府信息公开工作年度报告');
      const captions = await page.locator('main table caption').allInnerTexts();
      expect(captions).toEqual(expect.arrayContaining(['第二十条第（一）项', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况']));
      expect(await page.locator('main th[scope="row"]', { hasText: '（七）总计' }).count()).toBe(1);
      expect(await page.locator('main th[scope="col"]', { hasText: '结果维持' }).count()).toBe(3);
      expect(await page.locator('main').innerText()).toContain('本机关坚持以公开为常态');
      await expectNoAxeViolations(page);
    });
  });
});
