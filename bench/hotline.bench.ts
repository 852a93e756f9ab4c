// `npm run bench -- hotline [--duration 10] [--connections 32] [--postgres postgres://postgres@127.0.0.1:5432/postgres]`
//
// Durable intake (issue 7): POST /open311/v2/requests.json with the demo key against a started gongkai on a fresh
// PostgreSQL database (NODE_ENV=production), loaded by autocannon on loopback. Prints tickets/s, p50 and p99, then
// counts the rows: every 2xx must be a stored ticket with its intake event. Target ≥ 1 000 tickets/s.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import { startGongkai } from '../e2e/lib/server.ts';
import { parsePairs } from './lib/options.ts';

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_TPS = 1000;

interface Options {
  duration: number;
  connections: number;
  postgresUrl: string;
}

/** The part of autocannon's result this bench reads (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function parseOptions(args: string[]): Options {
  const opts: Options = { duration: 10, connections: 32, postgresUrl: process.env.DATABASE_URL ?? POSTGRES_ADMIN_URL };
  parsePairs(args, {
    '--duration': (value) => (opts.duration = Number(value)),
    '--connections': (value) => (opts.connections = Number(value)),
    '--postgres': (value) => (opts.postgresUrl = value),
  });
  return opts;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function body(marker: string): string {
  return new URLSearchParams({
    api_key: 'demo-open311-key',
    service_code: '010101',
    lat: '29.5630',
    long: '106.5516',
    address_string: '重庆市渝中区民族路 100 号',
    description: `${marker} 解放碑附近路面有一个大坑，晚上经过很危险，请尽快修复。`,
    email: 'bench@example.com',
    phone: '13800000000',
    'attribute[severity]': 'pothole',
  }).toString();
}

export default async function hotlineBench(args: string[]): Promise<void> {
  const opts = parseOptions(args);
  const marker = `bench-${randomBytes(4).toString('hex')}`;
  process.stdout.write(`启动 gongkai（PostgreSQL，新数据库，NODE_ENV=production）…\n`);
  const server = await startGongkai({
    databaseUrl: opts.postgresUrl,
    env: { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), LOG_LEVEL: 'warn' },
    discardStdout: true,
  });
  try {
    const url = `${server.url}/open311/v2/requests.json`;
    const payload = body(marker);
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    // warm up (JIT, pool connections, key and calendar caches); its tickets are counted too
    // every acknowledged ticket number, read from the 2xx bodies, is looked up afterwards
    const acknowledgedNumbers: string[] = [];
    const requests = [
      {
        method: 'POST',
        body: payload,
        headers,
        onResponse: (status: number, resBody: string) => {
          if (status < 200 || status > 299) return;
          const id = /"service_request_id":"(\d{14})"/.exec(resBody)?.[1];
          if (id) acknowledgedNumbers.push(id);
        },
      },
    ];
    const warm = await autocannon({ url, requests, connections: opts.connections, duration: 2 });
    const cpuBefore = cpuSeconds(server.pid);
    const r = await autocannon({ url, requests, connections: opts.connections, duration: opts.duration });
    const cpuAfter = cpuSeconds(server.pid);
    const cpuPerTicket = cpuBefore !== null && cpuAfter !== null && r['2xx'] > 0 ? ((cpuAfter - cpuBefore) * 1000) / r['2xx'] : null;

    const client = new pg.Client({ connectionString: server.database });
    await client.connect();
    let stored = 0;
    let events = 0;
    let found = 0;
    try {
      const q = await client.query<{ t: number; e: number; f: number }>(
        `SELECT (SELECT count(*)::int FROM tickets WHERE content LIKE $1) AS t,
                (SELECT count(*)::int FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.content LIKE $1 AND e.verb = 'intake') AS e,
                (SELECT count(*)::int FROM tickets WHERE number = ANY($2::text[]) AND content LIKE $1) AS f`,
        [`${marker}%`, acknowledgedNumbers],
      );
      stored = q.rows[0]?.t ?? 0;
      events = q.rows[0]?.e ?? 0;
      found = q.rows[0]?.f ?? 0;
    } finally {
      await client.end();
    }
    // requests still in flight when autocannon stops are stored but not counted by it: stored ≥ acknowledged
    const acknowledged = new Set(acknowledgedNumbers).size;
    const allStored = acknowledged === acknowledgedNumbers.length && found === acknowledged && events === stored && acknowledged >= warm['2xx'] + r['2xx'];
    const tps = r['2xx'] / r.duration;
    const rows: [string, string][] = [
      ['连接数', String(opts.connections)],
      ['时长（秒）', r.duration.toFixed(1)],
      ['工单/秒（2xx）', tps.toFixed(0)],
      ['p50（毫秒）', String(r.latency.p50)],
      ['p99（毫秒）', String(r.latency.p99)],
      ['最大（毫秒）', String(r.latency.max)],
      ['服务进程 CPU（毫秒/工单）', cpuPerTicket === null ? '—' : cpuPerTicket.toFixed(2)],
      ['机器负载（1 分钟）', loadavg()[0]?.toFixed(1) ?? '—'],
      ['非 2xx / 错误 / 超时', `${r.non2xx} / ${r.errors} / ${r.timeouts}`],
      ['已确认编号（含预热）', String(acknowledged)],
      ['其中已存', String(found)],
      ['已存工单 / 受理事件', `${stored} / ${events}`],
      ['每个 2xx 都已存', allStored ? '是' : '否'],
      [`目标 ≥ ${TARGET_TPS} 工单/秒`, tps >= TARGET_TPS ? '达到' : '未达到'],
    ];
    const w = Math.max(...rows.map(([k]) => k.length)) + 2;
    process.stdout.write(`\nOpen311 受理（POST /open311/v2/requests.json，PostgreSQL）\n`);
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(w, '　')}${v}\n`);
    if (!allStored) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}
