import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.ts';

export function machineRoomsBenchCli(_program: Command, _ctx: CliContext) {}
