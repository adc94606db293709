import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.ts';

export function benchCli(program: Command, _ctx: CliContext) {
  program.command('bench').description('benchmark (not yet)').action(() => undefined);
}
