import { describe, expect, it } from 'vitest';
import { checkPublishable, deidentifyAll } from './gate.ts';

const REPLY = '来电人王建国（13812345678）反映的问题已办结。咨询电话：023-63899999。';

describe('checkPublishable', () => {
  it('blocks a text with findings and lists them with labels, masks and positions', () => {
    const r = checkPublishable({ text: REPLY, policy: 'default' });
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => [f.type, f.text, f.label, f.masked, f.status])).toEqual([
      ['name', '王建国', '姓名', '王某', 'unresolved'],
      ['mobile', '13812345678', '手机号码', '138****5678', 'unresolved'],
    ]);
    expect(r.unresolved).toHaveLength(2);
    expect(r.message).toBe('正文含有未处理的个人信息：姓名 1 处、手机号码 1 处。请去标识化处理，或逐条说明保留理由。');
  });
  it('passes once every finding is overridden with a reason', () => {
    const r = checkPublishable({
      text: REPLY,
      policy: 'default',
      overrides: [
        { type: 'name', text: '王建国', reason: '来电人书面同意公开姓名' },
        { type: 'mobile', text: '13812345678', reason: '该号码为单位公开的服务号码' },
      ],
    });
    expect(r.ok).toBe(true);
    expect(r.unresolved).toEqual([]);
    expect(r.findings.map((f) => [f.status, f.reason])).toEqual([
      ['overridden', '来电人书面同意公开姓名'],
      ['overridden', '该号码为单位公开的服务号码'],
    ]);
    expect(r.message).toBe('');
  });
  it('ignores an override without a reason, or for another value', () => {
    const r = checkPublishable({
      text: REPLY,
      policy: 'default',
      overrides: [
        { type: 'name', text: '王建国', reason: '  ' },
        { type: 'mobile', text: '13900000000', reason: '别的号码' },
      ],
    });
    expect(r.ok).toBe(false);
    expect(r.unresolved).toHaveLength(2);
    expect(r.rejectedOverrides).toEqual([{ type: 'name', text: '王建国', reason: '  ' }]);
  });
  it('lets party names through under the punitive policy, not their numbers', () => {
    const r = checkPublishable({ text: '当事人：张三，身份证号码：11010519491231002X。', policy: 'punitive' });
    expect(r.findings.map((f) => [f.type, f.status])).toEqual([
      ['name', 'exempt'],
      ['id_card', 'unresolved'],
    ]);
    expect(r.ok).toBe(false);
  });
  it('passes a text that is already de-identified', () => {
    expect(checkPublishable({ text: deidentifyAll(REPLY, 'default'), policy: 'default' }).ok).toBe(true);
  });
  it('requires confirmation for an attachment whose text could not be extracted', () => {
    const input = { text: '无个人信息。', policy: 'default' as const, attachments: [{ name: '扫描件.pdf', text: null }] };
    const r = checkPublishable(input);
    expect(r.ok).toBe(false);
    expect(r.attachments[0]?.needsConfirmation).toBe(true);
    expect(r.message).toContain('附件“扫描件.pdf”无法提取文字，请人工核对后确认');
    expect(checkPublishable({ ...input, attachments: [{ name: '扫描件.pdf', text: null, confirmedChecked: true }] }).ok).toBe(true);
  });
  it('scans extracted attachment text too', () => {
    const r = checkPublishable({ text: '见附件。', policy: 'default', attachments: [{ name: '名单.docx', text: '申请人李娜 13912345678' }] });
    expect(r.ok).toBe(false);
    expect(r.attachments[0]?.unresolved.map((f) => f.type)).toEqual(['name', 'mobile']);
    expect(r.message).toContain('附件“名单.docx”含有未处理的个人信息：姓名 1 处、手机号码 1 处');
  });
});

describe('deidentifyAll (全部去标识化)', () => {
  it('masks everything except what the policy exempts or an override keeps', () => {
    expect(deidentifyAll(REPLY, 'default')).toBe('来电人王某（138****5678）反映的问题已办结。咨询电话：023-63899999。');
    expect(deidentifyAll(REPLY, 'default', { overrides: [{ type: 'name', text: '王建国', reason: '本人同意' }] })).toBe(
      '来电人王建国（138****5678）反映的问题已办结。咨询电话：023-63899999。',
    );
  });
});
