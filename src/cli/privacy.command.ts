// `gongkai privacy scan|mask` — a stable contract for scripts and integrators (issue 4 "CLI"). Never opens the database.
import { isMaskMode, isPrivacyPolicy, maskText, publicFinding, scanText, type ScanOptions } from '../platform/privacy/index.ts';
import { parseArgs, UsageError, type CliIo, type Command } from './context.ts';

const USAGE = `用法：
  gongkai privacy scan [--jsonl] [--public-numbers <号码,…>] [--public-names <姓名,…>]
      从标准输入读取 UTF-8 文本，输出一个 JSON 数组：[{ "type", "start", "end", "text" }]。
      --jsonl：每行一个 JSON 字符串，每行输出一个 JSON 数组，顺序不变。
  gongkai privacy mask [--mode mask|suppress|pseudonymize] [--policy default|punitive] [--public-numbers …] [--public-names …]
      从标准输入读取 UTF-8 文本，输出去标识化后的文本。
  --public-numbers：登记为机关联系电话的号码（逗号分隔，任意写法，按数字比对），不作为个人信息；
  --public-names：本文中以职务出现的公职人员姓名（逗号分隔），不作为个人信息。`;

/** --public-numbers and --public-names: comma-separated (，or ,) lists of what is public in this text. */
function publicLists(options: Map<string, string>): ScanOptions {
  const list = (name: string) => (options.get(name) ?? '').split(/[,，、]/).map((s) => s.trim()).filter((s) => s !== '');
  const numbers = list('public-numbers');
  for (const n of numbers) if (!/\d{3,}/.test(n)) throw new UsageError(`--public-numbers 中的“${n}”不是电话号码`);
  const names = list('public-names');
  for (const n of names) if (!/^[\u4e00-\u9fff·]{2,6}$/.test(n)) throw new UsageError(`--public-names 中的“${n}”不是 2–6 个汉字的姓名`);
  return { ...(numbers.length > 0 ? { knownPublicNumbers: numbers } : {}), ...(names.length > 0 ? { publicNames: names } : {}) };
}

const INVALID_UTF8 = '输入不是有效的 UTF-8 文本，请转换为 UTF-8 编码后重试。\n';

async function readUtf8(io: CliIo): Promise<string | null> {
  const buf = await io.stdin();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    io.stderr(INVALID_UTF8);
    return null;
  }
}

async function scan(args: string[], io: CliIo): Promise<number> {
  const { positional, flags, options } = parseArgs(args, { flags: ['jsonl'], options: ['public-numbers', 'public-names'] });
  if (positional.length > 0) throw new UsageError(USAGE);
  const known = publicLists(options);
  const text = await readUtf8(io);
  if (text === null) return 1;
  if (!flags.has('jsonl')) {
    io.stdout(JSON.stringify(scanText(text, known).map(publicFinding)) + '\n');
    return 0;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const inputs: string[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      inputs.push('');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (typeof value !== 'string') {
      io.stderr(`第 ${i + 1} 行不是 JSON 字符串（--jsonl 要求每行一个 JSON 字符串，例如 "来电人张三……"）。\n`);
      return 1;
    }
    inputs.push(value);
  }
  io.stdout(inputs.map((t) => JSON.stringify(scanText(t, known).map(publicFinding)) + '\n').join(''));
  return 0;
}

async function mask(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, { options: ['mode', 'policy', 'public-numbers', 'public-names'] });
  if (positional.length > 0) throw new UsageError(USAGE);
  const known = publicLists(options);
  const mode = options.get('mode') ?? 'mask';
  const policy = options.get('policy') ?? 'default';
  if (!isMaskMode(mode)) throw new UsageError(`--mode 只能是 mask、suppress 或 pseudonymize，收到：${mode}`);
  if (!isPrivacyPolicy(policy)) throw new UsageError(`--policy 只能是 default 或 punitive，收到：${policy}`);
  const text = await readUtf8(io);
  if (text === null) return 1;
  io.stdout(maskText(text, { mode, policy, ...known }));
  return 0;
}

export const privacyCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'scan':
      return scan(rest, io);
    case 'mask':
      return mask(rest, io);
    default:
      throw new UsageError(USAGE);
  }
};
