/**
 * `flowsift gen`: write a realistic, deterministic flow archive (v5, 15-minute files, raw or zlib),
 * so tests and benchmarks make their data instead of shipping it.
 */
import type { Command } from 'commander';
import { generateArchive } from '../../gen/archive.ts';
import { ExitError } from '../runtime.ts';
import type { Register } from './index.ts';
import { EXIT } from './session.ts';

interface GenCliOptions { files: string; flows: string; seed: string; start: string; rotation: string; compress: string; externals?: string }

function int(name: string, v: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ExitError(EXIT.USAGE, `--${name} must be an integer from ${min} to ${max}, not "${v}"`);
  return n;
}

export const registerGen: Register = (program: Command, io, setStatus) => {
  program.command('gen')
    .description('generate a deterministic sample archive of NetFlow v5 files')
    .argument('<dir>', 'directory to write the files into (created if needed)')
    .option('--files <n>', 'number of files', '4')
    .option('--flows <n>', 'flows per file', '100000')
    .option('--seed <n>', 'random seed (same seed, same bytes)', '1')
    .option('--start <time>', 'capture start of the first file (ISO 8601)', '2026-11-01T00:00:00Z')
    .option('--rotation <seconds>', 'seconds per file', '900')
    .option('-z, --compress <level>', 'zlib level 0-9 (0 = raw)', '0')
    .option('--externals <n>', 'distinct external hosts (key diversity)')
    .action((dir: string, opts: GenCliOptions) => {
      const start = Date.parse(opts.start);
      if (Number.isNaN(start)) throw new ExitError(EXIT.USAGE, `--start: cannot read "${opts.start}" as a date`);
      const nFiles = int('files', opts.files, 1, 100000);
      const rotation = int('rotation', opts.rotation, 1);
      // flow times are 32-bit unix seconds: the whole archive must fit, or they would wrap
      const secs = Math.floor(start / 1000);
      if (secs < 0 || secs + nFiles * rotation > 0xffffffff) {
        throw new ExitError(EXIT.USAGE, `--start: the archive from ${opts.start} (${nFiles} files of ${rotation} s) must lie within 32-bit unix time, 1970-01-01T00:00:00Z to 2106-02-07T06:28:15Z`);
      }
      const files = generateArchive({
        dir,
        files: nFiles,
        flowsPerFile: int('flows', opts.flows, 1, 30_000_000),
        seed: int('seed', opts.seed, 0, 0xffffffff),
        start: secs,
        rotation,
        zLevel: int('compress', opts.compress, 0, 9),
        externals: opts.externals === undefined ? undefined : int('externals', opts.externals, 1, 0xffffff),
      });
      io.err(`flowsift: wrote ${files.length} files to ${dir}\n`);
      setStatus(EXIT.OK);
    });
};
