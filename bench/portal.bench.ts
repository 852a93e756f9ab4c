// `npm run bench -- portal [--duration 10] [--connections 50] [--threads 2] [--rounds 1] [--modes embedded,postgres] [--log-level info]`
//
// Serves the portal home from gongkai (NODE_ENV=production, demo data) and the same bytes from
// nginx (one worker, like gongkai's one process) and a bare node:http server (the Node ceiling), on loopback, and loads each with wrk. Prints
// req/s, p50, p99, the ratio to nginx and the server's RSS after start. Targets (issue 2):
// ≥ 0.8× nginx on PostgreSQL; p99 ≤ 100 ms on the embedded database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startGongkai, type GongkaiServer } from '../e2e/lib/server.ts';
import { parsePairs } from './lib/options.ts';

const WRK = '/usr/bin/wrk';
const NGINX = '/usr/sbin/nginx';
const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

type Mode = 'embedded' | 'postgres';

interface Options {
  duration: number;
  connections: number;
  threads: number;
  modes: Mode[];
  logLevel: string;
  postgresUrl: string;
  /** alternate gongkai and nginx this many times and report the median round (a shared machine is noisy) */
  rounds: number;
}

interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

interface Row {
  mode: string;
  server: string;
  result: WrkResult;
  ratio: number | null;
  rssMb: number | null;
}

function parseOptions(args: string[]): Options {
  const opts: Options = { duration: 10, connections: 50, threads: 2, modes: ['embedded', 'postgres'], logLevel: 'info', postgresUrl: POSTGRES_ADMIN_URL, rounds: 1 };
  parsePairs(args, {
    '--duration': (value) => (opts.duration = Number(value)),
    '--connections': (value) => (opts.connections = Number(value)),
    '--threads': (value) => (opts.threads = Number(value)),
    '--modes': (value) => (opts.modes = value.split(',').filter((m): m is Mode => m === 'embedded' || m === 'postgres')),
    '--log-level': (value) => (opts.logLevel = value),
    '--rounds': (value) => (opts.rounds = Math.max(1, Number(value))),
    '--postgres': (value) => (opts.postgresUrl = value),
  });
  return opts;
}

/** wrk prints latencies as 812.00us, 1.23ms or 1.02s. */
function toMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`无法解析 wrk 延迟 “${text}”`);
  const n = Number(m[1]);
  switch (m[2]) {
    case 'us':
      return n / 1000;
    case 'ms':
      return n;
    case 's':
      return n * 1000;
    default:
      return n * 60_000;
  }
}

export function parseWrk(output: string): WrkResult {
  const p50 = /^\s*50%\s+(\S+)/m.exec(output)?.[1];
  const p99 = /^\s*99%\s+(\S+)/m.exec(output)?.[1];
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output)?.[1];
  const requests = /^\s*(\d+) requests in/m.exec(output)?.[1];
  if (!p50 || !p99 || !rps || !requests) throw new Error(`无法解析 wrk 输出：\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? Number(socket[1]) + Number(socket[3]) + Number(socket[4]) : 0;
  return { rps: Number(rps), p50: toMs(p50), p99: toMs(p99), requests: Number(requests), errors: non2xx + socketErrors };
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} 退出码 ${code}：\n${out}`))));
  });
}

async function wrk(url: string, opts: Options, seconds = opts.duration): Promise<WrkResult> {
  return parseWrk(await run(WRK, [`-t${opts.threads}`, `-c${opts.connections}`, `-d${seconds}s`, '--latency', url]));
}

function rssMb(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** nginx serving `body` at / with the same caching headers, one worker, as a child process. */
async function startNginx(body: Buffer): Promise<Nginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-nginx-'));
  // started as root, nginx's worker runs as nobody and must be able to read the page
  chmodSync(dir, 0o755);
  const www = path.join(dir, 'www');
  mkdirSync(www);
  writeFileSync(path.join(www, 'index.html'), body);
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location = / {
      default_type "text/html; charset=utf-8";
      add_header cache-control "public, max-age=60";
      try_files /index.html =404;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx 未能启动：${stderr}`);
    }
    try {
      const res = await fetch(url);
      const got = Buffer.from(await res.arrayBuffer());
      if (res.ok && got.equals(body)) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx 未在 10 秒内就绪（或返回的内容不同）：${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}

/**
 * The ceiling for any Node server: a bare node:http server (the same Node binary, one process) answering every
 * request with the same bytes and caching headers from memory, with no routing, cache lookup or logging.
 */
async function startBareNode(body: Buffer): Promise<Nginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-bench-node-'));
  const file = path.join(dir, 'index.html');
  writeFileSync(file, body);
  const port = await freePort();
  const script = `const http = require('node:http'); const body = require('node:fs').readFileSync(${JSON.stringify(file)});
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'public, max-age=60', etag: '"bench"' };
http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); }).listen(${port}, '127.0.0.1');`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('node:http 参照服务器未在 10 秒内就绪');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}

async function benchMode(mode: Mode, opts: Options): Promise<Row[]> {
  process.stderr.write(`[${mode}] 启动 gongkai（NODE_ENV=production，LOG_LEVEL=${opts.logLevel}，演示数据）…\n`);
  let server: GongkaiServer | null = null;
  let nginx: Nginx | null = null;
  let bare: Nginx | null = null;
  try {
    server = await startGongkai({
      databaseUrl: mode === 'postgres' ? opts.postgresUrl : null,
      env: { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: opts.logLevel },
      discardStdout: true,
      timeoutMs: 300_000,
    });
    const rss = rssMb(server.pid);
    const home = await fetch(`${server.url}/`);
    if (!home.ok) throw new Error(`首页返回 ${home.status}`);
    const body = Buffer.from(await home.arrayBuffer());
    if (!body.toString('utf8').includes('政务公开')) throw new Error('首页内容不完整');
    process.stderr.write(`[${mode}] 首页 ${body.length} 字节，RSS ${rss?.toFixed(0) ?? '?'} MB；预热…\n`);
    await wrk(`${server.url}/`, opts, 2);
    nginx = await startNginx(body);
    await wrk(nginx.url, opts, 2);
    bare = await startBareNode(body);
    await wrk(bare.url, opts, 2);
    const rounds: { ours: WrkResult; theirs: WrkResult; node: WrkResult }[] = [];
    for (let round = 1; round <= opts.rounds; round++) {
      process.stderr.write(`[${mode}] 第 ${round}/${opts.rounds} 轮：wrk ${opts.duration}s × ${opts.connections} 连接 → gongkai，然后 → nginx（同样的 ${body.length} 字节）\n`);
      const ours = await wrk(`${server.url}/`, opts);
      const theirs = await wrk(nginx.url, opts);
      const node = await wrk(bare.url, opts);
      process.stderr.write(`[${mode}]   gongkai ${ours.rps.toFixed(0)} req/s，nginx ${theirs.rps.toFixed(0)} req/s，${(ours.rps / theirs.rps).toFixed(2)}×；裸 node:http ${node.rps.toFixed(0)} req/s\n`);
      rounds.push({ ours, theirs, node });
    }
    // the round with the median ratio, so one disturbed run does not decide
    rounds.sort((a, b) => a.ours.rps / a.theirs.rps - b.ours.rps / b.theirs.rps);
    const { ours, theirs, node } = rounds[Math.floor(rounds.length / 2)] ?? rounds[0]!;
    process.stderr.write(`[${mode}] 负载后 gongkai RSS ${rssMb(server.pid)?.toFixed(0) ?? '?'} MB\n`);
    return [
      { mode, server: 'gongkai', result: ours, ratio: ours.rps / theirs.rps, rssMb: rss },
      { mode, server: 'node:http', result: node, ratio: node.rps / theirs.rps, rssMb: null },
      { mode, server: 'nginx', result: theirs, ratio: 1, rssMb: null },
    ];
  } finally {
    await bare?.stop();
    await nginx?.stop();
    await server?.stop();
  }
}

function pad(s: string, n: number, right = false): string {
  const width = [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const fill = ' '.repeat(Math.max(0, n - width));
  return right ? fill + s : s + fill;
}

function printTable(rows: Row[], opts: Options): void {
  const header = ['mode', 'server', 'req/s', 'p50 ms', 'p99 ms', '× nginx', 'RSS MB', 'errors'];
  const widths = [10, 9, 10, 8, 8, 8, 8, 7];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 8, i >= 2)).join('  ');
  const out = [
    `portal home, wrk -t${opts.threads} -c${opts.connections} -d${opts.duration}s --latency, loopback; nginx 1 worker; gongkai NODE_ENV=production LOG_LEVEL=${opts.logLevel}; ${opts.rounds > 1 ? `median of ${opts.rounds} alternating rounds` : 'one round'}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) =>
      line([r.mode, r.server, r.result.rps.toFixed(0), r.result.p50.toFixed(2), r.result.p99.toFixed(2), r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`, r.rssMb === null ? '' : r.rssMb.toFixed(0), String(r.result.errors)]),
    ),
  ];
  const verdicts: string[] = [];
  for (const r of rows.filter((x) => x.server === 'gongkai')) {
    if (r.mode === 'postgres' && r.ratio !== null) verdicts.push(`PostgreSQL: ${r.ratio.toFixed(2)}× nginx（目标 ≥ 0.80×）${r.ratio >= 0.8 ? '达标' : '未达标'}`);
    if (r.mode === 'embedded') verdicts.push(`嵌入式：p99 ${r.result.p99.toFixed(2)} ms（目标 ≤ 100 ms）${r.result.p99 <= 100 ? '达标' : '未达标'}`);
  }
  const ceiling = rows.filter((x) => x.server === 'node:http' && x.ratio !== null).map((x) => x.ratio!.toFixed(2));
  if (ceiling.length > 0) verdicts.push(`参照：裸 node:http（同样字节、内存直出、无路由和日志）为 nginx 的 ${ceiling.join(' / ')}×，是任何单进程 Node 服务在本机的上限。`);
  process.stdout.write(`${out.join('\n')}\n${verdicts.join('\n')}\n`);
}

export default async function portalBench(args: string[]): Promise<void> {
  const opts = parseOptions(args);
  for (const tool of [WRK, NGINX]) if (!existsSync(tool)) throw new Error(`需要 ${tool}（apt-get install wrk nginx-light）`);
  const rows: Row[] = [];
  for (const mode of opts.modes) rows.push(...(await benchMode(mode, opts)));
  printTable(rows, opts);
}
