/**
 * `flowsift cat`: flow-cat over paths, directories and globs, with the filters of every flowsift
 * command applied in the workers; writes a flow-tools stream (stdout or -o FILE).
 */
import { Option, type Command } from 'commander';
import { FT_HEADER_BIG_ENDIAN, FT_HEADER_LITTLE_ENDIAN } from '../../format/constants.ts';
import { catStreams, type CatOptions } from '../flow-cat.ts';
import { ExitError } from '../runtime.ts';
import type { Register } from './index.ts';
import { addSelectOptions, resolveSelection, type SelectOptions } from './select-options.ts';
import { EXIT } from './session.ts';
import { defaultThreads, maxThreads } from '../threads.ts';

interface CatCliOptions extends SelectOptions {
  all?: boolean;
  globalSort?: boolean;
  byteOrder: 'little' | 'big';
  comment?: string;
  output?: string;
  preload?: boolean;
  compress: string;
}

export const registerCat: Register = (program: Command, io, setStatus) => {
  addSelectOptions(
    program.command('cat')
      .description('concatenate flow files into one flow-tools stream (flow-cat), optionally filtered')
      .argument('[paths...]', 'flow files, directories or globs (default: stdin)')
      .option('-a, --all', 'include tmp* files (in-progress captures)')
      .option('-g, --global-sort', 'order all files by capture start, not per argument')
      .addOption(new Option('-b, --byte-order <order>', 'output byte order').choices(['little', 'big']).default('little'))
      .option('-C, --comment <text>', 'comment for the output header')
      .option('-o, --output <file>', 'write to FILE (header rewritten with totals at the end)')
      .option('-p, --preload', 'merge the input headers\' counts and times into the output header')
      .option('-z, --compress <level>', 'zlib level 0-9 for the output', '0'),
  ).action(async (paths: string[], opts: CatCliOptions) => {
    const z = Number(opts.compress);
    if (!Number.isInteger(z) || z < 0 || z > 9) throw new ExitError(EXIT.USAGE, 'Compression level must be between 0 and 9');
    const o: CatOptions = {
      all: Boolean(opts.all), globalSort: Boolean(opts.globalSort),
      byteOrder: opts.byteOrder === 'big' ? FT_HEADER_BIG_ENDIAN : FT_HEADER_LITTLE_ENDIAN,
      comment: opts.comment, outFile: opts.output, preload: Boolean(opts.preload), window: null, zLevel: z,
      threads: Math.min(opts.threads ?? defaultThreads(io.env), maxThreads()), tool: 'flowsift', filter: resolveSelection(opts, io), quiet: Boolean(opts.quiet), groupSmall: true,
    };
    const status = await catStreams(paths, o, io);
    setStatus(status !== 0 ? status : o.unclean ? EXIT.DAMAGED : EXIT.OK);
  });
};
