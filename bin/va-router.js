#!/usr/bin/env node
// The installed `va-router` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { endQuietlyOnClosedPipe, runCli } = await import('../cli/main.ts');
endQuietlyOnClosedPipe();
process.exitCode = await runCli(process.argv.slice(2));
