import { configOrExit, UsageError, withDeps, type Command } from '../../cli/context.ts';

/** `gongkai search reindex`: rebuilds item_search from the published revisions (after a restore, or when the tokenizer changed). */
export const searchCommand: Command = async (args, io) => {
  if (args[0] !== 'reindex' || args.length > 1) throw new UsageError('用法：gongkai search reindex');
  const config = configOrExit(io);
  if (!config) return 1;
  const started = Date.now();
  const result = await withDeps(config, (deps) =>
    deps.search.reindexAll((done) => {
      if (done % 1000 < 200) io.stderr(`  已索引 ${done} 条\n`);
    }),
  );
  io.stdout(`已重建检索索引：${result.indexed} 条公开信息，清除 ${result.removed} 条过期记录，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
  return 0;
};
