import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareTexts } from './dedupe.ts';
import { decodePage, looksLikeHtml, parseHtmlPage, parsePage, parseTextPage, readAttachmentNames } from './parse-page.ts';
import { splitSentences } from './segment.ts';
import { compact } from './text.ts';

const SEED_FILE = new URL('./fixtures/2018-chongqing-zhengwu-gongkai-gongzuo-yaodian.txt', import.meta.url);
const SEED_TEXT = readFileSync(SEED_FILE, 'utf8');
const TITLE = '重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知';

describe('the seed page (渝府办发〔2018〕76号, scraped, shuffled, repeated)', () => {
  const page = parsePage(readFileSync(SEED_FILE), 'seed.txt');
  const body = page.paragraphs.map((p) => p.text);
  const sentences = page.paragraphs.filter((p) => p.kind === 'paragraph').flatMap((p) => splitSentences(p.text));

  it('reads the 公文 elements', () => {
    expect(page).toMatchObject({
      title: TITLE,
      documentNumber: '渝府办发〔2018〕76号',
      issuer: '重庆市人民政府办公厅',
      writtenDate: '2018-06-06',
      publishedDate: '2018-06-13',
      disclosureMode: 'proactive',
      recipients: ['各区县（自治县）人民政府', '市政府各部门', '有关单位'],
      attachments: [TITLE],
    });
  });

  it('takes the page chrome out of the body', () => {
    const all = body.join('\n');
    expect(all).not.toContain('发布日期');
    expect(all).not.toContain('文件下载');
    expect(all).not.toContain('<BR>');
    expect(all).not.toContain(TITLE);
    expect(all).not.toContain('渝府办发〔2018〕76号');
    // cited numbers in the text stay
    expect(all).toContain('（渝府办发〔2018〕28号）');
  });

  it('leaves no exact or near-duplicate sentence or heading', () => {
    const headings = page.paragraphs.filter((p) => p.kind === 'heading').map((p) => compact(p.text));
    expect(new Set(headings).size).toBe(headings.length);
    for (let i = 0; i < sentences.length; i++) {
      for (let j = i + 1; j < sentences.length; j++) {
        expect(compareTexts(sentences[i] ?? '', sentences[j] ?? ''), `${sentences[i]} / ${sentences[j]}`).toBe('distinct');
      }
    }
    expect(page.warnings).toContain('已删除重复内容 31 处');
  });

  it('loses no sentence of the source', () => {
    const kept = compact(body.join(''));
    const chrome = [TITLE, '发布日期:2018-06-13', '渝府办发〔2018〕76号', '文件下载', '<BR>', '重庆市人民政府办公厅关于印发', '2018年重庆市政务公开工作要点的通知'];
    for (const line of SEED_TEXT.split('\n')) {
      let rest = line;
      for (const c of chrome) rest = rest.split(c).join('\n');
      for (const piece of rest.split('\n')) for (const s of splitSentences(piece)) expect(kept, s).toContain(compact(s));
    }
  });

  it('keeps each 牵头单位 bracket once', () => {
    const sourceBrackets = new Set(splitSentences(SEED_TEXT.replace(/\n/g, '')).filter((s) => s.startsWith('（牵头单位')));
    expect(sourceBrackets.size).toBe(10);
    for (const b of sourceBrackets) expect(body.join('').split(b).length - 1, b).toBe(1);
  });

  it('restores the numbered structure as heading levels, in order', () => {
    const headings = page.paragraphs.filter((p) => p.kind === 'heading').map((p) => `${p.level}:${/^(.{0,3}?[、．）])/u.exec(p.text)?.[1] ?? p.text}`);
    expect(headings).toEqual([
      '0:2018年重庆市政务公开工作要点',
      '1:一、', '2:（一）', '2:（二）', '3:1．', '3:2．', '3:3．', '3:4．', '2:（三）', '2:（四）',
      '1:二、', '2:（五）', '2:（六）', '2:（九）', '2:（十）', '2:（十一）', '2:（十三）',
    ]);
  });

  it('puts the cover notice, sign-off and 附注 before the attached plan', () => {
    expect(body.slice(0, 7)).toEqual([
      '各区县（自治县）人民政府，市政府各部门，有关单位：',
      '《2018年重庆市政务公开工作要点》已经市政府同意，现印发给你们，请认真贯彻执行。',
      '重庆市人民政府办公厅',
      '2018年6月6日',
      '（此件公开发布）',
      '2018年重庆市政务公开工作要点',
      expect.stringMatching(/^2018年全市政务公开工作的总体要求是：.*服务型政府。$/),
    ]);
  });

  it('keeps a trusted bracket after its task and reports the suspect ones', () => {
    const first = page.paragraphs.findIndex((p) => p.text.startsWith('（一）'));
    expect(page.paragraphs[first + 1]?.text).toMatch(/原则上都要公开答复全文。（牵头单位：市政府办公厅、市编办、市政府法制办、市政府督查室；/);
    expect(page.warnings.filter((w) => w.startsWith('括注'))).toHaveLength(2);
    const beforeTwo = page.paragraphs.findIndex((p) => p.text.startsWith('二、'));
    expect(page.paragraphs[beforeTwo - 1]?.text).toBe('（牵头单位：市委网信办；责任单位：各区县政府，市政府各部门，有关单位）');
  });

  it('reports what the scrape lost', () => {
    expect(page.warnings).toContain('缺少编号为 （七）（八）（十二） 的标题，可能在抓取时丢失');
    expect(page.warnings.some((w) => w.includes('（三）聚焦政策解读'))).toBe(true);
  });

  it('gives the same result for the file shared beside the repository', () => {
    expect(parseTextPage(SEED_TEXT)).toEqual(page);
  });
});

const CQ_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>重庆市人民政府办公厅关于印发重庆市政务公开第三方评估办法的通知_市政府办公厅文件_重庆市人民政府网</title>
<meta name="ArticleTitle" content="重庆市人民政府办公厅关于印发重庆市政务公开第三方评估办法的通知">
<meta name="PubDate" content="2019-03-08 10:30">
<script>document.write('<p>不应出现</p>')</script><style>.x{color:red}</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div>
<table class="zwxl-table"><tr><td>索引号：</td><td>11500000MB1532221K/2019-00012</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>市政府办公厅</td><td>成文日期：</td><td>2019-03-01</td></tr>
<tr><td>发文字号：</td><td>渝府办发[2019]15号</td><td>发布日期：</td><td>2019-03-08</td></tr></table>
<div class="zwxl-article"><h1>重庆市人民政府办公厅关于印发重庆市政务公开第三方评估办法的通知</h1>
<p style="text-align:center">渝府办发〔2019〕15号</p>
<p>各区县（自治县）人民政府，市政府各部门，有关单位：</p>
<p>&emsp;&emsp;《重庆市政务公开第三方评估办法》已经市政府同意，现印发给你们，请认真贯彻执行。</p>
<p style="text-align:right">重庆市人民政府办公厅</p><p style="text-align:right">2019年3月1日</p>
<p>（此件公开发布）</p>
<p style="text-align:center"><strong>重庆市政务公开第三方评估办法</strong></p>
<p>一、总则</p>
<p>（一）为规范政务公开第三方评估工作，制定本办法。</p>
<p>（二）本办法适用于全市各级行政机关。评估每年开展一次。</p>
<p>二、评估内容</p>
<p>1．主动公开情况。包括基本目录、重点领域信息公开。</p>
<p>2．依申请公开办理情况。</p>
<p>（二）本办法适用于全市各级行政机关。评估每年开展一次。</p>
<p onclick="alert(1)">三、附则<script>alert(2)</script></p>
<p>本办法自印发之日起施行。</p>
</div>
<div class="fjxz">文件下载：<ul><li><a href="/uploads/2019/pgbf.pdf">重庆市政务公开第三方评估办法.pdf</a></li><li><a href="/uploads/2019/x.docx">评分表<br>（样表）</a></li></ul></div>
<div class="footer"><a href="/about">关于我们</a> 主办：重庆市人民政府办公厅</div>
</body></html>`;

describe('an HTML page from a city portal', () => {
  const page = parsePage(CQ_PAGE, 'content_1.html');

  it('reads metadata from the meta tags, the 信息索引 table and the 公文 itself', () => {
    expect(page).toMatchObject({
      title: '重庆市人民政府办公厅关于印发重庆市政务公开第三方评估办法的通知',
      documentNumber: '渝府办发〔2019〕15号',
      issuer: '重庆市人民政府办公厅',
      writtenDate: '2019-03-01',
      publishedDate: '2019-03-08',
      disclosureMode: 'proactive',
      recipients: ['各区县（自治县）人民政府', '市政府各部门', '有关单位'],
      attachments: ['重庆市政务公开第三方评估办法.pdf', '评分表（样表）'],
    });
  });

  it('keeps paragraphs as the page had them, with headings by level and no script text', () => {
    expect(page.paragraphs).toEqual([
      { kind: 'paragraph', text: '各区县（自治县）人民政府，市政府各部门，有关单位：' },
      { kind: 'paragraph', text: '《重庆市政务公开第三方评估办法》已经市政府同意，现印发给你们，请认真贯彻执行。' },
      { kind: 'paragraph', text: '重庆市人民政府办公厅' },
      { kind: 'paragraph', text: '2019年3月1日' },
      { kind: 'paragraph', text: '（此件公开发布）' },
      { kind: 'heading', level: 0, text: '重庆市政务公开第三方评估办法' },
      { kind: 'heading', level: 1, text: '一、总则' },
      { kind: 'paragraph', text: '（一）为规范政务公开第三方评估工作，制定本办法。' },
      { kind: 'paragraph', text: '（二）本办法适用于全市各级行政机关。评估每年开展一次。' },
      { kind: 'heading', level: 1, text: '二、评估内容' },
      { kind: 'paragraph', text: '1．主动公开情况。包括基本目录、重点领域信息公开。' },
      { kind: 'paragraph', text: '2．依申请公开办理情况。' },
      { kind: 'heading', level: 1, text: '三、附则' },
      { kind: 'paragraph', text: '本办法自印发之日起施行。' },
    ]);
    expect(JSON.stringify(page)).not.toMatch(/alert|不应出现|关于我们|首页/);
    expect(page.warnings).toEqual(['已删除重复内容 2 处']);
  });
});

describe('other page shapes', () => {
  it('reads a gov.cn-style index table with spaced-out label cells and no colons, and file links anywhere', () => {
    const html = `<html><head><title>政府信息公开专栏_中国政府网</title></head><body>
      <table><tr><td><b>索 引 号</b></td><td>000014349/2018-00064</td><td><b>主题分类</b></td><td>综合政务\\其他</td></tr>
      <tr><td><b>发文机关</b></td><td>国务院办公厅</td><td><b>成文日期</b></td><td>2018年04月13日</td></tr>
      <tr><td><b>标　　题</b></td><td>国务院办公厅关于做好政府公报工作的通知</td></tr>
      <tr><td><b>发文字号</b></td><td>国办发〔2018〕22号</td><td><b>发布日期</b></td><td>2018年04月18日</td></tr></table>
      <div id="UCAP-CONTENT"><p>各省、自治区、直辖市人民政府，国务院各部委、各直属机构：</p>
      <p>政府公报是刊登行政法规和规章标准文本的法定载体。为做好政府公报工作，经国务院同意，现就有关事项通知如下：</p>
      <p>一、明确职责定位</p><p>政府公报是政令发布的权威渠道。</p>
      <p>政府公报是政令发布的权威渠道</p>
      <p>国务院办公厅</p><p>2018年4月13日</p><p>（此件公开发布）</p>
      <p><a href="/files/gb.pdf">附件.pdf</a></p></div></body></html>`;
    const page = parseHtmlPage(html);
    expect(page).toMatchObject({
      title: '国务院办公厅关于做好政府公报工作的通知',
      documentNumber: '国办发〔2018〕22号',
      issuer: '国务院办公厅',
      writtenDate: '2018-04-13',
      publishedDate: '2018-04-18',
      recipients: ['各省', '自治区', '直辖市人民政府', '国务院各部委', '各直属机构'],
      attachments: ['附件.pdf'],
    });
    expect(page.paragraphs.map((p) => p.text)).not.toContain('国务院办公厅关于做好政府公报工作的通知');
    // the near-duplicate (no full stop) is dropped, the complete wording kept
    expect(page.paragraphs.filter((p) => p.text.startsWith('政府公报是政令发布的权威渠道'))).toEqual([{ kind: 'paragraph', text: '政府公报是政令发布的权威渠道。' }]);
  });

  it('keeps the more complete copy of a truncated repeat, in the first position', () => {
    const long = '建立健全政务舆情收集、会商、研判、回应、评估和问责机制，对重大政务舆情处置不得力、回应不妥当、报告不及时的涉事责任单位，要予以通报批评。';
    const page = parseTextPage(`某某局关于加强舆情回应的通知\n${long.slice(0, 40)}\n第二段话写在这里，内容不同。\n${long}`);
    expect(page.paragraphs.map((p) => p.text)).toEqual([long, '第二段话写在这里，内容不同。']);
  });

  it('decodes GB18030 pages and honours their declared charset', () => {
    const text = '<html><head><meta charset="gb2312"><title>测试通知</title></head><body><div class="content"><p>各单位：</p><p>现将有关事项通知如下。</p></div></body></html>';
    const gbk = gb18030(text);
    expect(decodePage(gbk)).toBe(text);
    expect(parsePage(gbk, 'a.htm').paragraphs.map((p) => p.text)).toEqual(['各单位：', '现将有关事项通知如下。']);
    expect(decodePage(new TextEncoder().encode('\ufeff正文'))).toBe('正文');
  });

  it('reports what it could not find on a bare page', () => {
    const page = parseTextPage('一段没有任何元数据的文字，只有正文。');
    expect(page.title).toBeNull();
    expect(page.warnings).toEqual(['未能识别标题', '未能识别发文字号', '未能识别发文机关', '未能识别成文日期', '未能识别发布日期', '页面未注明公开属性']);
  });

  it('maps other 附注 wordings to 公开属性', () => {
    expect(parseTextPage('某局关于某事的通知\n正文。\n某局\n2020年1月2日\n（此件依申请公开）').disclosureMode).toBe('on_request');
    expect(parseTextPage('某局关于某事的通知\n正文。\n某局\n2020年1月2日\n（此件不予公开）').disclosureMode).toBe('withheld');
  });

  it('tells HTML from text', () => {
    expect(looksLikeHtml('<!DOCTYPE html><p>x</p>')).toBe(true);
    expect(looksLikeHtml('纯文本', 'a.shtml')).toBe(true);
    expect(looksLikeHtml('纯文本 a<b 比较')).toBe(false);
  });
});

describe('readAttachmentNames', () => {
  it('takes the title as the name when a scrape runs on after it', () => {
    expect(readAttachmentNames(`${TITLE}（牵头单位：市委网信办）二、`, TITLE)).toEqual({ names: [TITLE], remainder: '（牵头单位：市委网信办）二、' });
  });

  it('splits file names and otherwise stops at a 文种 or the next passage', () => {
    expect(readAttachmentNames('：附件1.实施方案.pdf 附件2：评分表.xlsx', null).names).toEqual(['附件1.实施方案.pdf', '附件2：评分表.xlsx']);
    expect(readAttachmentNames('关于某事的通知（牵头单位：甲）', null)).toEqual({ names: ['关于某事的通知'], remainder: '（牵头单位：甲）' });
    expect(readAttachmentNames('', null).names).toEqual([]);
  });
});

/** A small GB18030 encoder for the test (Node only decodes it): maps each character through a decode table. */
function gb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`cannot encode ${ch}`);
      bytes.push(...code);
    }
  }
  return new Uint8Array(bytes);
}
