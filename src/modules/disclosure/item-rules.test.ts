import { describe, expect, it } from 'vitest';
import { checkDisclosureDecision, checkItemMetadata, type ItemMetadataInput } from './item-rules.ts';

const TODAY = '2026-11-27';
const good: ItemMetadataInput = { title: '关于印发2018年重庆市政务公开工作要点的通知', genre: 'other_document', documentNumber: '渝府办发[2018]76号', writtenDate: '2018-06-06', publishedDate: '2018-06-13' };
const fields = (input: Partial<ItemMetadataInput>) => checkItemMetadata({ ...good, ...input }, TODAY).errors;

describe('checkItemMetadata', () => {
  it('accepts good metadata and returns the parsed 发文字号', () => {
    const r = checkItemMetadata(good, TODAY);
    expect(r.errors).toEqual([]);
    expect(r.documentNumber?.normalized).toBe('渝府办发〔2018〕76号');
  });

  it.each([
    [{ title: ' ' }, 'title', '请填写标题'],
    [{ title: '通' }, 'title', '至少 2 个字'],
    [{ title: '文'.repeat(301) }, 'title', '不能超过 300 个字'],
    [{ documentNumber: '渝府办发〔2018〕076号' }, 'documentNumber', '不编虚位'],
    [{ documentNumber: '渝府办发〔2011〕76号' }, 'documentNumber', '相差过大'],
    [{ writtenDate: '' }, 'writtenDate', '请填写成文日期'],
    [{ writtenDate: '2018-02-30' }, 'writtenDate', '不是有效日期'],
    [{ writtenDate: '2026-11-28', publishedDate: '', documentNumber: '' }, 'writtenDate', '不能晚于今天'],
    [{ publishedDate: '2018-06-05' }, 'publishedDate', '不能早于成文日期'],
    [{ publishedDate: '2026-11-28' }, 'publishedDate', '不能晚于今天'],
    [{ publishedDate: '2018/06/13' }, 'publishedDate', '不是有效日期'],
  ])('%j → %s', (input, field, fragment) => {
    const errors = fields(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe(field);
    expect(errors[0]?.message).toContain(fragment);
  });

  it('names every bad field at once', () => {
    expect(fields({ title: '', documentNumber: '第76号', writtenDate: 'x' }).map((e) => e.field)).toEqual(['title', 'documentNumber', 'writtenDate']);
  });

  it('does not read a 规章’s 政府令 number as a 发文字号', () => {
    expect(fields({ genre: 'rule', documentNumber: '重庆市人民政府令第318号' })).toEqual([]);
    expect(fields({ genre: 'normative', documentNumber: '重庆市人民政府令第318号' })[0]?.field).toBe('documentNumber');
  });
});

describe('checkDisclosureDecision', () => {
  it('主动公开 needs no reason and takes none', () => {
    expect(checkDisclosureDecision({ mode: 'proactive', withholdReason: '' })).toEqual([]);
    expect(checkDisclosureDecision({ mode: 'proactive', withholdReason: 'EX14-SECRET' })[0]?.field).toBe('withholdReason');
  });

  it('依申请公开 needs a stated reason, not a legal exemption code', () => {
    expect(checkDisclosureDecision({ mode: 'on_request', withholdReason: '' })[0]?.message).toContain('须说明');
    expect(checkDisclosureDecision({ mode: 'on_request', withholdReason: 'EX16-INTERNAL' })[0]?.message).toContain('不适用');
    expect(checkDisclosureDecision({ mode: 'on_request', withholdReason: '仅涉及特定企业，不属于需要公众广泛知晓的信息' })).toEqual([]);
  });

  it('不予公开 needs one of the legal reasons of 条例 第十四、十五、十六条', () => {
    expect(checkDisclosureDecision({ mode: 'withheld', withholdReason: '' })[0]?.message).toContain('法定理由');
    expect(checkDisclosureDecision({ mode: 'withheld', withholdReason: '领导不同意' })[0]?.message).toContain('不认识');
    expect(checkDisclosureDecision({ mode: 'withheld', withholdReason: 'EX14-SECRET' })).toEqual([]);
  });
});
