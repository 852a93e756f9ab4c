import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.ts';
import type { CliIo } from './context.ts';

/** Runs `gongkai …` with the given stdin bytes; returns the exit code and captured output. */
async function run(args: string[], stdin: string | Buffer): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdin: async () => (typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('gongkai privacy scan', () => {
  it('prints one JSON array of findings with type, start, end and text', async () => {
    const r = await run(['privacy', 'scan'], '来电人王建国（13812345678）反映，咨询电话：023-63899999。');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { type: 'name', start: 3, end: 6, text: '王建国' },
      { type: 'mobile', start: 7, end: 18, text: '13812345678' },
    ]);
    expect(r.out.endsWith('\n')).toBe(true);
  });

  it('does not report numbers registered as agency contacts or names of officials given with --public-*', async () => {
    const text = '请联系办公室（023-67891234），来电人王建国反映。';
    const plain = JSON.parse((await run(['privacy', 'scan'], text)).out) as { type: string }[];
    expect(plain.map((f) => f.type)).toEqual(['phone', 'name']);
    const r = await run(['privacy', 'scan', '--public-numbers', '02367891234，12345', '--public-names', '王建国'], text);
    expect(r).toEqual({ code: 0, out: '[]\n', err: '' });
    const masked = await run(['privacy', 'mask', '--public-numbers=023-67891234'], text);
    expect(masked.out).toContain('023-67891234');
    expect(masked.out).not.toContain('王建国');
  });

  it('rejects a --public-numbers entry without digits and a --public-names entry that is not a name (exit 2)', async () => {
    expect((await run(['privacy', 'scan', '--public-numbers', '办公室'], '')).code).toBe(2);
    const bad = await run(['privacy', 'scan', '--public-names', 'Zhang'], '');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--public-names 中的“Zhang”不是 2–6 个汉字的姓名');
  });

  it('prints [] for empty input', async () => {
    expect(await run(['privacy', 'scan'], '')).toEqual({ code: 0, out: '[]\n', err: '' });
  });

  it('reads one JSON string per line with --jsonl and answers line by line, in order', async () => {
    const input = ['"申请人李娜，电话13912345678"', '', '"无个人信息"', '"身份证号500103199001010010"'].join('\n') + '\n';
    const r = await run(['privacy', 'scan', '--jsonl'], input);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string }[]);
    expect(lines.map((l) => l.map((f) => f.type))).toEqual([['name', 'mobile'], [], [], ['id_card']]);
  });

  it('rejects a --jsonl line that is not a JSON string, naming the line, and prints nothing', async () => {
    const r = await run(['privacy', 'scan', '--jsonl'], '"好"\n{"text":"x"}\n');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('第 2 行不是 JSON 字符串');
  });

  it('exits non-zero with a Chinese message on invalid UTF-8', async () => {
    const r = await run(['privacy', 'scan'], Buffer.from([0xe6, 0x9d, 0xa5, 0xff, 0xfe]));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('输入不是有效的 UTF-8 文本，请转换为 UTF-8 编码后重试。\n');
  });

  it('rejects unknown options and arguments with usage (exit 2)', async () => {
    expect((await run(['privacy', 'scan', '--json'], '')).code).toBe(2);
    expect((await run(['privacy', 'scan', 'file.txt'], '')).code).toBe(2);
    const r = await run(['privacy'], '');
    expect(r.code).toBe(2);
    expect(r.err).toContain('gongkai privacy scan');
  });
});

describe('gongkai privacy mask', () => {
  const text = '当事人：张三，身份证号码：11010519491231002X，电话13812345678。';

  it('masks by default', async () => {
    expect(await run(['privacy', 'mask'], text)).toEqual({ code: 0, out: '当事人：张某，身份证号码：110105********002X，电话138****5678。', err: '' });
  });

  it('honours --mode and --policy', async () => {
    expect((await run(['privacy', 'mask', '--mode', 'suppress'], text)).out).toBe('当事人：，身份证号码：，电话。');
    expect((await run(['privacy', 'mask', '--mode=pseudonymize'], text)).out).toBe('当事人：A，身份证号码：110105********002X，电话138****5678。');
    expect((await run(['privacy', 'mask', '--policy', 'punitive'], text)).out).toBe('当事人：张三，身份证号码：110105********002X，电话138****5678。');
  });

  it('rejects an unknown mode or policy (exit 2) and invalid UTF-8 (exit 1)', async () => {
    const bad = await run(['privacy', 'mask', '--mode', 'hide'], text);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--mode 只能是 mask、suppress 或 pseudonymize');
    expect((await run(['privacy', 'mask', '--policy', 'lenient'], text)).code).toBe(2);
    expect((await run(['privacy', 'mask'], Buffer.from([0xc3, 0x28]))).code).toBe(1);
  });

  it('passes empty input through', async () => {
    expect(await run(['privacy', 'mask'], '')).toEqual({ code: 0, out: '', err: '' });
  });
});
