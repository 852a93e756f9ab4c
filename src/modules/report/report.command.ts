import { writeFileSync } from 'node:fs';
import { configOrExit, parseArgs, UsageError, withDeps, type CliIo, type Command } from '../../cli/context.ts';
import type { Deps } from '../../deps.ts';
import { chartsHtml, reportCharts } from './report.charts.ts';
import { toDocx, toReportJson, toXlsx } from './report.export.ts';
import { toPdf } from './report.pdf.ts';
import { escapeHtml, renderReportDocument } from './views/report-document.tsx';

const USAGE = '用法：gongkai report annual --agency <代码> --year <YYYY> --format json|docx|xlsx|pdf|html [--subtree] [--out <文件>]';
const FORMATS = ['json', 'docx', 'xlsx', 'pdf', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** Runs `report annual` on given deps (tests call this with their own database). */
export async function runReportAnnual(deps: Deps, args: string[], io: CliIo): Promise<number> {
  const { positional, flags, options } = parseArgs(args, { flags: ['subtree'], options: ['agency', 'year', 'format', 'out'] });
  if (positional[0] !== 'annual' || positional.length > 1) throw new UsageError(USAGE);
  const code = options.get('agency');
  const year = options.get('year');
  const format = (options.get('format') ?? 'json') as Format;
  if (!code || !year) throw new UsageError(USAGE);
  if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}`);
  const out = options.get('out');
  if ((format === 'docx' || format === 'xlsx' || format === 'pdf') && !out) throw new UsageError(`--format ${format} 需要 --out <文件>`);

  const agency = await deps.agencies.getAgencyByCode(code);
  const actor = { system: 'cli' };
  const view = await deps.report.getReportView(actor, agency.id, year, { subtree: flags.has('subtree') });
  const r = view.report;
  for (const n of r.notices) io.stderr(`注意：${n}\n`);
  let data: Buffer | string;
  switch (format) {
    case 'json':
      data = `${JSON.stringify(toReportJson(r), null, 2)}\n`;
      break;
    case 'html':
      data = renderReportDocument(r, view.draft, view.isGovernment, chartsHtml(reportCharts(r), escapeHtml));
      break;
    case 'docx':
      data = await toDocx(r, view.draft, view.isGovernment);
      break;
    case 'xlsx':
      data = await toXlsx(r);
      break;
    case 'pdf':
      data = await toPdf(r, view.draft, view.isGovernment);
      break;
  }
  if (out) {
    writeFileSync(out, data);
    io.stderr(`已写入 ${out}\n`);
  } else io.stdout(typeof data === 'string' ? data : data.toString('utf8'));
  return 0;
}

/** `gongkai report annual …`: the annual report of one agency (or its subtree) and year. */
export const reportCommand: Command = async (args, io) => {
  if (args[0] !== 'annual') throw new UsageError(USAGE);
  const config = configOrExit(io);
  if (!config) return 1;
  return withDeps(config, (deps) => runReportAnnual(deps, args, io));
};
