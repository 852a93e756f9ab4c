import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Site identity required by the national government-website spec (国办发〔2017〕47号): shown in the footer and meta tags. */
export interface SiteIdentity {
  /** 网站名称 */
  name: string;
  /** 主办单位 */
  sponsor: string;
  /** 网站标识码: 10 characters, 6-digit 行政区划代码 + 4 digits, or bm + 8 digits */
  siteCode: string;
  /** ICP备案号, e.g. 渝ICP备05003300号 */
  icp: string;
  /** 公安机关备案号, e.g. 渝公网安备 50010302000001号 */
  psb: string;
  /** 联系方式 shown in the footer */
  contact: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** absent: embedded PGlite in dataDir */
  databaseUrl: string | undefined;
  dataDir: string;
  baseUrl: string;
  sessionSecret: string;
  logLevel: string;
  site: SiteIdentity;
  /** 附件大小上限 (bytes), per file; a province may change it */
  maxUploadBytes: number;
  /** what one anonymous (not signed-in) post may carry in all, files summed (bytes): PUBLIC_UPLOAD_MB, default 20 */
  publicUploadBytes: number;
  /** run background jobs (pg-boss) inside `gongkai serve`: JOBS_ENABLED, default true (false under NODE_ENV=test) */
  jobsEnabled: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SITE_CODE = /^(\d{10}|bm\d{8})$/;

const MB = 1024 * 1024;

/** PUBLIC_UPLOAD_MB's default in bytes: services built without a Config (tests, seeds) use it too. */
export const DEFAULT_PUBLIC_UPLOAD_BYTES = 20 * MB;

type Env = Record<string, string | undefined>;

/**
 * Parses and validates the environment once. Lists every bad variable (throws ConfigError).
 * The only reader of process.env in the project.
 */
export function loadConfig(env: Env = process.env, options: { persistSecret?: boolean } = {}): Config {
  const problems: string[] = [];
  const envName = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';

  const port = parseIntVar(env, 'PORT', 3000, problems, 0, 65535);
  const maxUploadBytes = parseIntVar(env, 'MAX_UPLOAD_MB', 50, problems, 1, 2048) * MB;
  const publicUploadBytes = parseIntVar(env, 'PUBLIC_UPLOAD_MB', DEFAULT_PUBLIC_UPLOAD_BYTES / MB, problems, 1, 2048) * MB;

  let databaseUrl: string | undefined = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头（当前为 “${databaseUrl.slice(0, 40)}”）`);
    databaseUrl = undefined;
  }

  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');

  let baseUrl = env.BASE_URL?.trim() || `http://localhost:${port}`;
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push('BASE_URL 必须是 http 或 https 地址');
    baseUrl = baseUrl.replace(/\/+$/, '');
  } catch {
    problems.push(`BASE_URL 不是有效的网址（当前为 “${baseUrl}”）`);
  }

  let sessionSecret = env.SESSION_SECRET?.trim() ?? '';
  if (sessionSecret && sessionSecret.length < 32) problems.push('SESSION_SECRET 至少需要 32 个字符');
  if (!sessionSecret) {
    if (envName === 'production') problems.push('生产环境（NODE_ENV=production）必须设置 SESSION_SECRET');
    else if (!databaseUrl && options.persistSecret !== false) sessionSecret = readOrCreateSecret(dataDir);
    else sessionSecret = randomBytes(32).toString('hex');
  }

  const site: SiteIdentity = {
    name: env.SITE_NAME?.trim() || '重庆市人民政府',
    sponsor: env.SITE_SPONSOR?.trim() || '重庆市人民政府办公厅',
    siteCode: env.SITE_CODE?.trim() || '5000000001',
    icp: env.SITE_ICP?.trim() || '渝ICP备05003300号',
    psb: env.SITE_PSB?.trim() || '渝公网安备 50010302000001号',
    contact: env.SITE_CONTACT?.trim() || '023-63899999（工作日 9:00—17:00）',
  };
  if (!SITE_CODE.test(site.siteCode)) problems.push(`SITE_CODE（网站标识码）应为 10 位数字或 bm 加 8 位数字（当前为 “${site.siteCode}”）`);
  if (!/ICP备\d+号(-\d+)?$/.test(site.icp)) problems.push(`SITE_ICP（ICP备案号）格式应如 “渝ICP备05003300号”（当前为 “${site.icp}”）`);
  if (!/公网安备\s*\d{14}号$/.test(site.psb)) problems.push(`SITE_PSB（公安机关备案号）格式应如 “渝公网安备 50010302000001号”（当前为 “${site.psb}”）`);

  const logLevel = env.LOG_LEVEL?.trim() || (envName === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) problems.push(`LOG_LEVEL 无效（当前为 “${logLevel}”）`);

  const host = env.HOST?.trim() || '0.0.0.0';
  const jobsEnabled = parseBoolVar(env, 'JOBS_ENABLED', envName !== 'test', problems);

  if (problems.length) throw new ConfigError(problems);
  return { env: envName, port, host, databaseUrl, dataDir, baseUrl, sessionSecret, logLevel, site, maxUploadBytes, publicUploadBytes, jobsEnabled };
}

function parseIntVar(env: Env, name: string, fallback: number, problems: string[], min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name} 必须是整数（当前为 “${raw}”）`);
    return fallback;
  }
  const n = Number(raw);
  if (n < min || n > max) {
    problems.push(`${name} 必须在 ${min} 到 ${max} 之间（当前为 ${n}）`);
    return fallback;
  }
  return n;
}

function parseBoolVar(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} 应为 true 或 false（当前为 “${env[name]?.trim()}”）`);
  return fallback;
}

/** Embedded mode keeps a generated secret in DATA_DIR so sessions survive restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
