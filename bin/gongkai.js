#!/usr/bin/env node
// The `gongkai` command. TypeScript sources run through tsx; no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
