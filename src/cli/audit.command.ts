import { verifyAuditChain } from '../platform/audit/audit.ts';
import { configOrExit, UsageError, withDeps, type Command } from './context.ts';

export const auditCommand: Command = async (args, io) => {
  if (args[0] !== 'verify' || args.length > 1) throw new UsageError('用法：gongkai audit verify');
  const config = configOrExit(io);
  if (!config) return 1;
  const result = await withDeps(config, (deps) => verifyAuditChain(deps.db));
  if (result.ok) {
    io.stdout(`OK（共 ${result.rows} 条审计记录，哈希链完整）\n`);
    return 0;
  }
  io.stdout(`BROKEN 第一处断链：审计记录 id=${result.brokenAt}：${result.reason}\n`);
  return 1;
};
