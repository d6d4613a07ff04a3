/**
 * The `flowsift` command: one parallel pass over many files, directories and globs. Each
 * subcommand lives in commands/<name>.ts and registers itself on the commander program here
 * (explicitly: no registration by import side effect).
 */
import { Command, CommanderError } from 'commander';
import type { CliIO } from './runtime.ts';
import { ExitError } from './runtime.ts';
import { registerCommands } from './commands/index.ts';

export async function flowsift(argv: string[], io: CliIO): Promise<number> {
  const program = new Command('flowsift');
  program
    .description('Parallel flow-tools: scan whole NetFlow archives (flow-cat, flow-print, flow-stat, flow-nfilter, flowdumper in one pass)')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err(s),
    })
    .showHelpAfterError(false);
  let status = 0;
  registerCommands(program, io, (s) => { status = s; });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof ExitError) throw e;
    throw e;
  }
  return status;
}
