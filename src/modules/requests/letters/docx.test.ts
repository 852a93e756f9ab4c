import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES } from '../taxonomy.ts';
import { DOCX_FONTS, renderReplyLetterDocx } from './docx.ts';
import { sampleLetterInput } from './letters.testing.ts';

/** word/document.xml of a .docx, checked to be well-formed XML, and its visible text (runs joined per paragraph). */
async function documentXml(docx: Buffer): Promise<{ xml: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('word/document.xml missing');
  const paragraphs: string[] = [];
  let current: string | null = null;
  let inText = false;
  const parser = new SaxesParser();
  parser.on('opentag', (t) => {
    if (t.name === 'w:p') current = '';
    if (t.name === 'w:t') inText = true;
  });
  parser.on('closetag', (t) => {
    if (t.name === 'w:t') inText = false;
    if (t.name === 'w:p' && current !== null) {
      paragraphs.push(current);
      current = null;
    }
  });
  parser.on('text', (s) => {
    if (inText && current !== null) current += s;
  });
  parser.write(xml).close();
  return { xml, paragraphs };
}

describe('renderReplyLetterDocx', () => {
  it.each(OUTCOME_CODES)('%s renders a Word file with the agency, the legal basis and the remedy sentence', async (outcome) => {
    const docx = await renderReplyLetterDocx(sampleLetterInput(outcome));
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const { paragraphs } = await documentXml(docx);
    expect(paragraphs[0]).toBe('重庆市渝中区住房和城乡建设委员会');
    expect(paragraphs[1]).toBe('政府信息公开申请答复告知书');
    expect(paragraphs[2]).toBe('依申请公开答复〔2026〕123号');
    expect(paragraphs[3]).toBe('张三：');
    const text = paragraphs.join('\n');
    expect(text).toMatch(/《条例》第[一二三四五六七八九十]+条|国办函〔2020〕109号|不予处理/);
    expect(paragraphs).toContain('如对本答复不服，可以在收到本告知书之日起60日内向重庆市渝中区人民政府申请行政复议，或者在6个月内向重庆市渝中区人民法院提起行政诉讼。');
    expect(paragraphs).toContain('特此告知。');
    expect(paragraphs).toContain('2026年11月27日');
    expect(paragraphs.filter((p) => p === '重庆市渝中区住房和城乡建设委员会')).toHaveLength(2); // 版头 and 落款
  });

  it('is A4 with the 公文 margins, a centred title in a Song face and the body in 仿宋', async () => {
    const { xml } = await documentXml(await renderReplyLetterDocx(sampleLetterInput('R-WITHHOLD')));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain(`w:eastAsia="${DOCX_FONTS.title}"`);
    expect(xml).toContain(`w:eastAsia="${DOCX_FONTS.body}"`);
    expect(xml).toMatch(/<w:jc w:val="center"\/>[^]*?政府信息公开申请答复告知书/);
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect(xml).toContain('<w:sz w:val="32"/>');
    expect(xml).toContain('《条例》第三十六条第（三）项');
  });

  it('numbers the pages in the footer', async () => {
    const zip = await JSZip.loadAsync(await renderReplyLetterDocx(sampleLetterInput('R-NOTEXIST')));
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(footers).toHaveLength(1);
    const footer = (await zip.file(footers[0] ?? '')?.async('string')) ?? '';
    expect(footer).toMatch(/PAGE/);
    expect(footer).toContain('— ');
  });

  it('escapes hostile text and drops characters XML cannot hold, so the file still opens', async () => {
    const docx = await renderReplyLetterDocx(
      sampleLetterInput('R-NOTEXIST', { applicantName: '</w:t></w:r><w:r><w:t>注入&amp;', requestDescription: 'a\u0001b\u001Fc]]>' }),
    );
    const { xml, paragraphs } = await documentXml(docx);
    expect(paragraphs[3]).toBe('</w:t></w:r><w:r><w:t>注入&amp;：');
    expect(xml).toContain('&lt;/w:t&gt;&lt;/w:r&gt;');
    expect(paragraphs[4]).toContain('“abc]]>”');
  });

  it('refuses an input that cannot make a lawful letter', async () => {
    await expect(renderReplyLetterDocx(sampleLetterInput('R-WITHHOLD', { content: {} }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
