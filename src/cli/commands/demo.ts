/**
 * `flowsift demo` (npm start): make a sample archive if there is none, then answer the questions
 * the tools exist for, each with the flowsift command that answers it.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { generateArchive } from '../../gen/archive.ts';
import type { CliIO } from '../runtime.ts';
import type { Register } from './index.ts';
import { EXIT } from './session.ts';

const START = Date.parse('2026-11-01T08:00:00Z') / 1000;

function demoFilter(): string {
  for (const rel of ['../../../data/demo-filter.cfg', '../../../../data/demo-filter.cfg', '../../data/demo-filter.cfg']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (fs.existsSync(p)) return p;
  }
  return 'data/demo-filter.cfg';
}

export const registerDemo: Register = (program: Command, io, setStatus) => {
  program.command('demo')
    .description('generate a sample archive (if needed) and run the main questions on it')
    .argument('[dir]', 'archive directory', 'sample')
    .action(async (dir: string) => {
      setStatus(await runDemo(dir, io));
    });
};

async function runDemo(dir: string, io: CliIO): Promise<number> {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) {
    io.err(`flowsift: generating a sample archive in ${dir}/ (8 files of 15 minutes, 100,000 flows each, half zlib-compressed)\n`);
    generateArchive({ dir, files: 4, flowsPerFile: 100_000, seed: 2026, start: START, rotation: 900, zLevel: 0, externals: 200_000 });
    generateArchive({ dir, files: 4, flowsPerFile: 100_000, seed: 2027, start: START + 3600, rotation: 900, zLevel: 6, externals: 200_000 });
  }
  const cfg = demoFilter();
  const steps: Array<[string, string[]]> = [
    ['How much traffic is in the archive? (flow-stat -f 0)', ['stat', '-f', '0', dir]],
    ['Who are the biggest talkers, by octets? (flow-stat -f 11 -S 2)', ['stat', '-f', '11', '-S', '2', '--top', '10', dir]],
    ['Which destination ports carry the most flows? (flow-stat -f 5 -S 1)', ['stat', '-f', '5', '-S', '1', '--top', '10', dir]],
    ['Which pairs of hosts talk the most? (flow-stat -f 10 -S 3)', ['stat', '-f', '10', '-S', '3', '--top', '10', dir]],
    ['Who receives mail but is not the mail server? (flow-nfilter definition mail_to_non_mailservers)',
      ['stat', '-f', '8', '-S', '1', '--top', '10', '--filter-file', cfg, '--filter', 'mail_to_non_mailservers', dir]],
    ['Who was busiest between 09:00 and 09:15 UTC? (a time window: files outside it are not read)',
      ['stat', '-f', '11', '-S', '2', '--top', '5', '--from', '2026-11-01T09:00:00Z', '--to', '2026-11-01T09:15:00Z', dir]],
    ['Which protocols are neither TCP, UDP nor ICMP (VPNs, tunnels)? (flowdumper expression)',
      ['stat', '-f', '12', '-S', '1', '-n', '--where', '6 ne $protocol && 17 ne $protocol && 1 ne $protocol', dir]],
  ];
  let worst = EXIT.OK as number;
  for (const [question, argv] of steps) {
    io.out.write(`\n### ${question}\n### $ flowsift ${argv.map((a) => (/[\s$&|]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
    const { flowsift } = await import('../flowsift.ts');
    const status = await flowsift([...argv, '-q'], io);
    io.out.flush();
    worst = Math.max(worst, status);
  }
  return worst;
}
