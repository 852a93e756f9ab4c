import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand, listPageFiles } from './import.command.ts';
import { UsageError, type CliIo } from './context.ts';

const SEED = new URL('../modules/disclosure/importer/fixtures/2018-chongqing-zhengwu-gongkai-gongzuo-yaodian.txt', import.meta.url);

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), stdin: async () => Buffer.alloc(0) };
  return io;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gongkai-import-'));
  mkdirSync(path.join(dir, 'sub'));
  copyFileSync(SEED, path.join(dir, 'a-seed.txt'));
  // the same document again, as HTML: skipped (same 文号)
  writeFileSync(path.join(dir, 'b-again.html'), '<html><head><title>重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知</title></head><body><div class="content"><p>渝府办发[2018]76号</p><p>各区县（自治县）人民政府，市政府各部门，有关单位：</p><p>《2018年重庆市政务公开工作要点》已经市政府同意，现印发给你们，请认真贯彻执行。</p><p>重庆市人民政府办公厅</p><p>2018年6月6日</p></div></body></html>');
  // no title, no date: fails
  writeFileSync(path.join(dir, 'sub', 'c-broken.txt'), '这是一段没有标题和日期的文字。');
  writeFileSync(path.join(dir, 'sub', 'd-other.htm'), '<html><head><meta name="ArticleTitle" content="重庆市财政局关于公开2019年部门预算的通知"><meta name="PubDate" content="2019-02-20"></head><body><div class="content"><p>各区县财政局：</p><p>现将有关事项通知如下。</p><p>重庆市财政局</p><p>2019年2月15日</p><p>（此件公开发布）</p></div></body></html>');
  writeFileSync(path.join(dir, 'ignored.pdf'), '%PDF-1.4');
  writeFileSync(path.join(dir, '.hidden.txt'), '隐藏文件');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gongkai import --dry-run', () => {
  it('prints the parsed seed as JSON and writes nothing', async () => {
    const io = capture();
    expect(await importCommand([SEED.pathname, '--dry-run', '--json'], io)).toBe(0);
    const page = JSON.parse(io.out) as Record<string, unknown>;
    expect(Object.keys(page)).toEqual(['title', 'documentNumber', 'issuer', 'writtenDate', 'publishedDate', 'disclosureMode', 'recipients', 'attachments', 'paragraphs', 'warnings']);
    expect(page).toMatchObject({ documentNumber: '渝府办发〔2018〕76号', issuer: '重庆市人民政府办公厅', writtenDate: '2018-06-06', publishedDate: '2018-06-13', disclosureMode: 'proactive' });
    expect(io.err).toBe('');
  });

  it('prints a readable summary without --json', async () => {
    const io = capture();
    expect(await importCommand([SEED.pathname, '--dry-run', '--agency', 'cq-gov-office'], io)).toBe(0);
    expect(io.out).toContain('发文字号：渝府办发〔2018〕76号');
    expect(io.out).toContain('公开属性：主动公开');
    expect(io.out).toContain('提示：');
  });

  it('walks a directory: progress and summary on stderr, accepted pages as a JSON array on stdout', async () => {
    const io = capture();
    expect(await importCommand([dir, '--dry-run', '--json'], io)).toBe(1);
    const pages = JSON.parse(io.out) as { source: string; title: string }[];
    expect(pages.map((p) => p.source)).toEqual(['a-seed.txt', path.join('sub', 'd-other.htm')]);
    expect(io.err).toContain('[1/4] a-seed.txt：可导入');
    expect(io.err).toContain('[2/4] b-again.html：跳过（与 a-seed.txt 发文字号相同（渝府办发〔2018〕76号））');
    expect(io.err).toMatch(/\[3\/4\] sub\/c-broken\.txt：失败（请填写标题；请填写成文日期）/);
    expect(io.err).toContain('导入预览（未写入任何内容）：共 4 个文件，可导入 2 个，跳过 1 个，失败 1 个。');
  });

  it('lists page files recursively in a stable order, skipping hidden and other files', async () => {
    expect((await listPageFiles(dir)).map((f) => path.relative(dir, f))).toEqual(['a-seed.txt', 'b-again.html', path.join('sub', 'c-broken.txt'), path.join('sub', 'd-other.htm')]);
  });

  it('shows a failing single file and exits 1', async () => {
    const io = capture();
    expect(await importCommand([path.join(dir, 'sub', 'c-broken.txt'), '--dry-run', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({ title: null });
    expect(io.err).toContain('无法导入');
  });

  it('says so when the path does not exist', async () => {
    const io = capture();
    expect(await importCommand([path.join(dir, 'nope.txt'), '--dry-run'], io)).toBe(1);
    expect(io.err).toContain('找不到文件或目录');
  });
});

describe('gongkai import without --dry-run', () => {
  it('reports a missing path before opening the database', async () => {
    const io = capture();
    expect(await importCommand([path.join(dir, 'nope.txt')], io)).toBe(1);
    expect(io.err).toBe(`找不到文件或目录：${path.join(dir, 'nope.txt')}\n`);
    expect(io.out).toBe('');
  });
});

describe('bad usage', () => {
  it.each([[[]], [['a', 'b', '--dry-run']], [['a', '--frobnicate']], [['a', '--agency']], [['a', '--agency', 'Bad Code!', '--dry-run']]])('%j is a usage error', async (args) => {
    await expect(importCommand(args, capture())).rejects.toBeInstanceOf(UsageError);
  });
});
