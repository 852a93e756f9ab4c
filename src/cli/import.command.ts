// gongkai import <file-or-dir> [--agency <code>] [--dry-run] [--json] [--deidentify]
// Reads old pages (HTML or plain text). With --dry-run it shows what was read and opens no database; without
// it, each page becomes an item already published by its agency (importer/import.service.ts): progress on
// stderr, then a summary of imported, skipped (already present) and failed pages; --json prints the summary.

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { shanghaiDate } from '../platform/calendar/workdays.ts';
import { gateImportedPage, importPages, listPageFiles, type ImportSummary } from '../modules/disclosure/importer/import.service.ts';
import { parsePage, type ParsedPage } from '../modules/disclosure/importer/parse-page.ts';
import { importKeysOf, toDraftItemInput } from '../modules/disclosure/importer/to-draft.ts';
import { disclosureModeName } from '../modules/disclosure/taxonomy.ts';
import { configOrExit, parseArgs, UsageError, withDeps, type CliIo, type Command } from './context.ts';

const USAGE = '用法：gongkai import <文件或目录> [--agency <机关代码>] [--dry-run] [--json] [--deidentify]';
// agencies_code_check
const AGENCY_CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;

export { listPageFiles };

type Outcome = { kind: 'ok'; page: ParsedPage } | { kind: 'skipped'; reason: string } | { kind: 'failed'; reason: string; page?: ParsedPage };

/** One file's dry-run verdict; `seen` holds the import keys of pages accepted earlier in the run. */
async function previewFile(file: string, label: string, seen: Map<string, string>, agencyCode: string | null, today: string, deidentify: boolean): Promise<Outcome> {
  let page: ParsedPage;
  try {
    page = parsePage(await readFile(file), file);
  } catch (err) {
    return { kind: 'failed', reason: `无法读取：${err instanceof Error ? err.message : String(err)}` };
  }
  const draft = toDraftItemInput(page, { agencyCode, today });
  if (!draft.ok) return { kind: 'failed', reason: draft.errors.map((e) => e.message).join('；'), page };
  const gated = gateImportedPage(draft.input, deidentify);
  if (!gated.ok) return { kind: 'failed', reason: gated.reason, page };
  const keys = importKeysOf(page);
  const byNumber = keys.documentNumber ? seen.get(`n:${keys.documentNumber}`) : undefined;
  if (byNumber) return { kind: 'skipped', reason: `与 ${byNumber} 发文字号相同（${keys.documentNumber}）` };
  const byTitle = keys.titleDate ? seen.get(`t:${keys.titleDate}`) : undefined;
  if (byTitle) return { kind: 'skipped', reason: `与 ${byTitle} 标题和日期相同` };
  if (keys.documentNumber) seen.set(`n:${keys.documentNumber}`, label);
  if (keys.titleDate) seen.set(`t:${keys.titleDate}`, label);
  return { kind: 'ok', page };
}

function describe(page: ParsedPage): string {
  const headings = page.paragraphs.filter((p) => p.kind === 'heading').length;
  const lines = [
    `标题：${page.title ?? '（未识别）'}`,
    `发文字号：${page.documentNumber ?? '（无）'}`,
    `发文机关：${page.issuer ?? '（未识别）'}`,
    `成文日期：${page.writtenDate ?? '（未识别）'}　发布日期：${page.publishedDate ?? '（未识别）'}`,
    `公开属性：${page.disclosureMode ? disclosureModeName(page.disclosureMode) : '（未注明）'}`,
    `主送机关：${page.recipients.join('，') || '（无）'}`,
    `附件：${page.attachments.join('；') || '（无）'}`,
    `正文：${page.paragraphs.length} 段，其中标题 ${headings} 个`,
    ...(page.warnings.length > 0 ? ['提示：', ...page.warnings.map((w) => `  - ${w}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

async function previewDirectory(dir: string, io: CliIo, json: boolean, agencyCode: string | null, today: string, deidentify: boolean): Promise<number> {
  const files = await listPageFiles(dir);
  const seen = new Map<string, string>();
  const accepted: (ParsedPage & { source: string })[] = [];
  const skipped: [string, string][] = [];
  const failed: [string, string][] = [];
  for (const [i, file] of files.entries()) {
    const label = path.relative(dir, file);
    const outcome = await previewFile(file, label, seen, agencyCode, today, deidentify);
    switch (outcome.kind) {
      case 'ok':
        accepted.push({ source: label, ...outcome.page });
        io.stderr(`[${i + 1}/${files.length}] ${label}：可导入\n`);
        if (!json) io.stdout(`== ${label}\n${describe(outcome.page)}\n`);
        break;
      case 'skipped':
        skipped.push([label, outcome.reason]);
        io.stderr(`[${i + 1}/${files.length}] ${label}：跳过（${outcome.reason}）\n`);
        break;
      case 'failed':
        failed.push([label, outcome.reason]);
        io.stderr(`[${i + 1}/${files.length}] ${label}：失败（${outcome.reason}）\n`);
        break;
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }
  if (json) io.stdout(`${JSON.stringify(accepted, null, 2)}\n`);
  const summary = [`导入预览（未写入任何内容）：共 ${files.length} 个文件，可导入 ${accepted.length} 个，跳过 ${skipped.length} 个，失败 ${failed.length} 个。`];
  for (const [f, r] of skipped) summary.push(`  跳过 ${f}：${r}`);
  for (const [f, r] of failed) summary.push(`  失败 ${f}：${r}`);
  io.stderr(`${summary.join('\n')}\n`);
  return failed.length > 0 ? 1 : 0;
}

export const importCommand: Command = async (args, io) => {
  const { positional, flags, options } = parseArgs(args, { flags: ['dry-run', 'json', 'deidentify'], options: ['agency'] });
  const [target, ...extra] = positional;
  if (!target || extra.length > 0) throw new UsageError(USAGE);
  const agencyCode = options.get('agency') ?? null;
  if (agencyCode !== null && !AGENCY_CODE.test(agencyCode)) throw new UsageError(`机关代码“${agencyCode}”格式不对：应为小写字母、数字和连字符。\n${USAGE}`);
  const json = flags.has('json');
  const deidentify = flags.has('deidentify');
  const today = shanghaiDate();
  let info;
  try {
    info = await stat(target);
  } catch {
    io.stderr(`找不到文件或目录：${target}\n`);
    return 1;
  }
  if (!flags.has('dry-run')) return importForReal(target, info.isDirectory(), agencyCode, json, deidentify, io);
  if (info.isDirectory()) return previewDirectory(target, io, json, agencyCode, today, deidentify);
  const outcome = await previewFile(target, path.basename(target), new Map(), agencyCode, today, deidentify);
  const page = outcome.kind === 'skipped' ? undefined : outcome.page;
  if (page) io.stdout(json ? `${JSON.stringify(page, null, 2)}\n` : describe(page));
  if (outcome.kind === 'ok') return 0;
  io.stderr(`无法导入 ${target}：${outcome.reason}\n`);
  return 1;
};

function summaryText(s: ImportSummary): string {
  const lines = [`导入完成：共 ${s.files} 个文件，导入 ${s.imported.length} 个，跳过 ${s.skipped.length} 个，失败 ${s.failed.length} 个。`];
  for (const e of s.imported) lines.push(`  导入 ${e.file}：《${e.title}》，索引号 ${e.indexNumber ?? ''}，发布日期 ${e.publishedDate}`);
  for (const e of s.skipped) lines.push(`  跳过 ${e.file}：${e.reason}`);
  for (const e of s.failed) lines.push(`  失败 ${e.file}：${e.reason}`);
  return `${lines.join('\n')}\n`;
}

/** The write path: opens the configured database and imports; exit 1 if any file failed. */
async function importForReal(target: string, isDirectory: boolean, agencyCode: string | null, json: boolean, deidentify: boolean, io: CliIo): Promise<number> {
  const config = configOrExit(io);
  if (!config) return 2;
  const files = isDirectory ? (await listPageFiles(target)).map((f) => ({ path: f, label: path.relative(target, f) })) : [{ path: target, label: path.basename(target) }];
  const summary = await withDeps(config, (deps) => importPages(deps, { files, agencyCode, deidentify, onProgress: isDirectory ? (line) => io.stderr(`${line}\n`) : undefined }));
  if (json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else if (isDirectory) io.stderr(summaryText(summary));
  else io.stdout(summaryText(summary));
  return summary.failed.length > 0 ? 1 : 0;
}
