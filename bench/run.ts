// `npm run bench -- <name>` runs bench/<name>.bench.ts, whose default export prints a table.
import { readdirSync } from 'node:fs';

const dir = new URL('./', import.meta.url);
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`用法：npm run bench -- <名称> [参数]\n可用的基准测试：${available.join('、') || '（无）'}\n`);
  process.exit(2);
}
const mod = (await import(new URL(`./${name}.bench.ts`, dir).href)) as { default: (args: string[]) => Promise<void> };
await mod.default(args);
