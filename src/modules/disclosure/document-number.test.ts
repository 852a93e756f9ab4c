import { describe, expect, it } from 'vitest';
import { documentNumberLookupKey, findDocumentNumber, formatDocumentNumber, isValidDocumentNumber, parseDocumentNumber, toAsciiDigits } from './document-number.ts';

const NORMALIZED = '渝府办发〔2018〕76号';

describe('parseDocumentNumber', () => {
  it.each([
    ['渝府办发〔2018〕76号'],
    ['渝府办发[2018]76号'],
    ['渝府办发(2018)76号'],
    ['渝府办发（2018）76号'],
    ['渝府办发【2018】76号'],
    ['渝府办发［2018］76号'],
    ['渝府办发〔２０１８〕７６号'],
    [' 渝府办发 〔2018〕 76 号 '],
  ])('accepts %s and stores it as 渝府办发〔2018〕76号', (raw) => {
    const r = parseDocumentNumber(raw);
    expect(r).toEqual({ ok: true, value: { prefix: '渝府办发', year: 2018, serial: 76, normalized: NORMALIZED } });
  });

  it('keeps multi-character codes and serial 1', () => {
    expect(parseDocumentNumber('国办公开办函〔2015〕207号')).toMatchObject({ ok: true, value: { prefix: '国办公开办函', year: 2015, serial: 207 } });
    expect(parseDocumentNumber('国发〔2024〕1号')).toMatchObject({ ok: true, value: { serial: 1, normalized: '国发〔2024〕1号' } });
  });

  it.each([
    ['', '不能为空'],
    ['渝府办发2018年76号', '缺少年份括号'],
    ['〔2018〕76号', '缺少机关代字'],
    ['渝府办发〔18〕76号', '年份应标全称'],
    ['渝府办发〔二〇一八〕76号', '应为阿拉伯数字'],
    ['渝府办发〔1900〕76号', '不在'],
    ['渝府办发〔2018〕076号', '不编虚位'],
    ['渝府办发〔2018〕0号', '从 1 开始'],
    ['渝府办发〔2018〕第76号', '不加“第”字'],
    ['渝府办发〔2018〕76', '应加“号”字'],
    ['渝府办发〔2018〕号', '应为阿拉伯数字'],
    ['渝府办发〔2018〕', '缺少发文顺序号'],
    ['渝府办发〔2018)76号', '不成对'],
    ['渝府办发〔2018 76号', '没有闭合'],
    ['ABC〔2018〕76号', '至少含一个汉字'],
    ['渝府-办发〔2018〕76号', '只能由汉字、字母和数字组成'],
    ['渝府办发〔2018〕1234567号', '过长'],
  ])('rejects %j with a Chinese reason (%s)', (raw, fragment) => {
    const r = parseDocumentNumber(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(fragment);
    expect(isValidDocumentNumber(raw)).toBe(false);
  });

  it('formats parts in the GB/T 9704 form', () => {
    expect(formatDocumentNumber('渝府发', 2019, 3)).toBe('渝府发〔2019〕3号');
    expect(toAsciiDigits('２０１８年')).toBe('2018年');
  });
});

describe('documentNumberLookupKey', () => {
  it.each([
    '渝府办发〔2018〕76号',
    '渝府办发[2018]76号',
    '渝府办发2018 76',
    '渝府办发（2018）第076号',
    '渝府办发 (2018) 76',
    '渝府办发２０１８　７６号',
    '渝府办发2018年76号',
    '渝府办发 2018 76',
  ])('reads %s as the same document', (q) => {
    expect(documentNumberLookupKey(q)).toBe(NORMALIZED);
  });

  it.each(['政务公开', '2018 76', '渝府办发201876', '渝府办发〔2018〕0号', '渝府办发 2018 x', ''])('does not read %j as a document number', (q) => {
    expect(documentNumberLookupKey(q)).toBeNull();
  });
});

describe('findDocumentNumber', () => {
  it('finds the number after a run-in title without swallowing the title', () => {
    const found = findDocumentNumber('重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知渝府办发〔2018〕76号各区县');
    expect(found?.value.normalized).toBe(NORMALIZED);
    expect(found && '重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知渝府办发〔2018〕76号各区县'.slice(found.index, found.index + found.length)).toBe('渝府办发〔2018〕76号');
  });

  it('normalizes a bracket variant in text and returns null when there is none', () => {
    expect(findDocumentNumber('依据（渝府发[2019]3号）文件')?.value.normalized).toBe('渝府发〔2019〕3号');
    expect(findDocumentNumber('没有文号的一段话。')).toBeNull();
  });
});
