/** The list of flowsift subcommands. Add a command: write commands/<name>.ts and list it here. */
import type { Command } from 'commander';
import type { CliIO } from '../runtime.ts';
import { registerCat } from './cat.ts';
import { registerCheckFilter } from './check-filter.ts';
import { registerDemo } from './demo.ts';
import { registerGen } from './gen.ts';
import { registerHeader } from './header.ts';
import { registerPrint } from './print.ts';
import { registerScan } from './scan.ts';
import { onceOnly } from './once.ts';
import { registerStat } from './stat.ts';

export type SetStatus = (status: number) => void;
export type Register = (program: Command, io: CliIO, setStatus: SetStatus) => void;

const COMMANDS: Register[] = [registerCat, registerCheckFilter, registerDemo, registerGen, registerHeader, registerPrint, registerScan, registerStat];

export function registerCommands(program: Command, io: CliIO, setStatus: SetStatus): void {
  for (const register of COMMANDS) register(program, io, setStatus);
  // every subcommand's single-valued options refuse a second value (commander keeps the last)
  for (const cmd of program.commands) onceOnly(cmd, ['var', 'where']);
}
