import { describe, expect, it } from 'vitest';
import { pdfEmbedsFont, pdfText } from '../../../platform/export/pdf.testing.ts';
import { OUTCOME_CODES } from '../taxonomy.ts';
import { sampleLetterInput } from './letters.testing.ts';
import { renderReplyLetterPdf } from './pdf.ts';

/** The PDF's text without line breaks or spaces, so sentences wrapped over lines can be found. */
async function flatText(pdf: Buffer): Promise<string> {
  return pdfText(pdf).replace(/\s+/g, '');
}

describe('renderReplyLetterPdf', () => {
  it.each(OUTCOME_CODES)('%s renders a PDF with the CJK font embedded and the letter readable', async (outcome) => {
    const pdf = await renderReplyLetterPdf(sampleLetterInput(outcome));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfEmbedsFont(pdf)).toBe(true);
    const text = await flatText(pdf);
    expect(text).toContain('政府信息公开申请答复告知书');
    expect(text).toContain('重庆市渝中区住房和城乡建设委员会');
    expect(text).toContain('依申请公开答复〔2026〕123号');
    expect(text).toContain('如对本答复不服，可以在收到本告知书之日起60日内向重庆市渝中区人民政府申请行政复议，或者在6个月内向重庆市渝中区人民法院提起行政诉讼。');
    expect(text).toContain('2026年11月27日');
  });

  it('carries the legal basis and the reasons of a 不予公开, over more than one line', async () => {
    const text = await flatText(await renderReplyLetterPdf(sampleLetterInput('R-WITHHOLD')));
    expect(text).toContain('根据《条例》第三十六条第（三）项的规定，本机关决定不予公开。');
    expect(text).toContain('（《条例》第十六条第二款）');
  });

  it('keeps a long letter on as many A4 pages as it needs', async () => {
    const long = sampleLetterInput('R-DISCLOSE', { content: { providedInformation: '附件清单：'.concat('《渝中区老旧小区改造项目实施方案》；'.repeat(80)) } });
    const pdf = await renderReplyLetterPdf(long);
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    const text = await flatText(pdf);
    expect(text).toContain('特此告知。');
    // page numbers on every page, and only as many as there are pages
    for (let n = 1; n <= pages.length; n++) expect(text).toContain(`—${n}—`);
    expect(text).not.toContain(`—${pages.length + 1}—`);
  });

  it('puts no page number on a one-page letter', async () => {
    const pdf = await renderReplyLetterPdf(sampleLetterInput('R-NOTEXIST'));
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(await flatText(pdf)).not.toContain('—1—');
  });

  it('refuses an input that cannot make a lawful letter', async () => {
    await expect(renderReplyLetterPdf(sampleLetterInput('R-NOTOURS', { content: {} }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
