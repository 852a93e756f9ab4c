import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePage, type ParsedPage } from './parse-page.ts';
import { importKeysOf, paragraphsToHtml, toDraftItemInput } from './to-draft.ts';

const SEED = parsePage(readFileSync(new URL('./fixtures/2018-chongqing-zhengwu-gongkai-gongzuo-yaodian.txt', import.meta.url)), 'seed.txt');
const TODAY = '2026-11-27';

const page = (over: Partial<ParsedPage>): ParsedPage => ({ ...SEED, ...over });

describe('toDraftItemInput', () => {
  it('turns the seed into a draft for 市政府办公厅', () => {
    const r = toDraftItemInput(SEED, { agencyCode: 'cq-gov-office', today: TODAY, subject: 'general_affairs.openness' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input).toMatchObject({
      agencyCode: 'cq-gov-office',
      issuerNames: ['重庆市人民政府办公厅'],
      title: '重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知',
      documentNumber: '渝府办发〔2018〕76号',
      writtenDate: '2018-06-06',
      publishedDate: '2018-06-13',
      subject: 'general_affairs.openness',
      genre: 'other_document',
      disclosureMode: 'proactive',
      withholdReason: null,
      recipients: '各区县（自治县）人民政府，市政府各部门，有关单位',
      attachmentNames: ['重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知'],
      importKeys: { documentNumber: '渝府办发〔2018〕76号', titleDate: '重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知|2018-06-06' },
    });
    expect(r.input.bodyHtml).toContain('<h2>2018年重庆市政务公开工作要点</h2>');
    expect(r.input.bodyHtml).toContain('<h3>一、深入推进公开解读回应工作</h3>');
    expect(r.input.bodyHtml).toContain('<h5>1．深入推进预决算公开。</h5>');
    expect(r.warnings).toEqual([]);
  });

  it('fills defaults and says so', () => {
    const r = toDraftItemInput(page({ documentNumber: null, writtenDate: null, disclosureMode: null }), { today: TODAY });
    expect(r.ok && r.input).toMatchObject({ agencyCode: null, genre: 'notice', subject: 'other', writtenDate: '2018-06-13', disclosureMode: 'proactive' });
    expect(r.ok && r.warnings).toEqual(['页面未注明成文日期，暂以发布日期代替', '主题分类未指定，暂定为“其他”，请在发布前修改', '页面未注明公开属性；已在网站公开的页面按主动公开导入']);
  });

  it.each([
    [{ title: null }, 'title'],
    [{ writtenDate: null, publishedDate: null }, 'writtenDate'],
    [{ writtenDate: '2026-12-01', publishedDate: null, documentNumber: null }, 'writtenDate'],
    [{ publishedDate: '2018-06-01' }, 'publishedDate'],
    [{ paragraphs: [] }, 'body'],
    [{ disclosureMode: 'withheld' as const }, 'withholdReason'],
    [{ disclosureMode: 'on_request' as const }, 'withholdReason'],
  ])('refuses %j (bad %s)', (over, field) => {
    const r = toDraftItemInput(page(over), { today: TODAY });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });

  it('refuses an unknown 主题分类', () => {
    const r = toDraftItemInput(SEED, { today: TODAY, subject: 'nope' });
    expect(!r.ok && r.errors).toEqual([{ field: 'subject', message: '不认识的主题分类：nope' }]);
  });
});

describe('helpers', () => {
  it('renders headings from <h2> without skipping levels, and escapes text', () => {
    expect(paragraphsToHtml([{ kind: 'heading', level: 2, text: '（一）甲' }, { kind: 'heading', level: 3, text: '1．乙' }, { kind: 'paragraph', text: '<script>alert(1)</script> & 丙' }])).toBe('<h2>（一）甲</h2>\n<h3>1．乙</h3>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 丙</p>');
  });

  it('keys a page by 文号, and by title and date', () => {
    expect(importKeysOf({ title: '某 通知', documentNumber: null, writtenDate: null, publishedDate: '2020-01-02' })).toEqual({ documentNumber: null, titleDate: '某通知|2020-01-02' });
    expect(importKeysOf({ title: null, documentNumber: '国发〔2020〕1号', writtenDate: null, publishedDate: null })).toEqual({ documentNumber: '国发〔2020〕1号', titleDate: null });
  });
});
