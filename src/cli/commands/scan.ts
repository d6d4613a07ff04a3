/**
 * `flowsift scan`: the raw scan — read every record of an archive in parallel and total flows,
 * packets and octets. The pass every other command builds on; also the speed baseline.
 */
import { Option, type Command } from 'commander';
import { scan } from '../../engine/scan.ts';
import type { Register } from './index.ts';
import { addSelectOptions, resolveSelection, type SelectOptions } from './select-options.ts';
import { EXIT, Session } from './session.ts';

interface ScanCliOptions extends SelectOptions { all?: boolean; output: 'text' | 'json' }

export const registerScan: Register = (program: Command, io, setStatus) => {
  addSelectOptions(
    program.command('scan')
      .description('read every flow and total flows, packets and octets (the raw parallel scan)')
      .argument('<paths...>', 'flow files, directories or globs ("-" = stdin)')
      .option('-a, --all', 'include tmp* files')
      .addOption(new Option('--output <kind>', 'output kind').choices(['text', 'json']).default('text')),
  ).action(async (paths: string[], opts: ScanCliOptions) => {
    const filter = resolveSelection(opts, io);
    const session = new Session(io, opts);
    const inputs = await session.inputs(paths, { all: opts.all }, filter);
    const t0 = process.hrtime.bigint();
    let flows = 0, packets = 0, octets = 0, bytes = 0, records = 0;
    // small files share tasks (groups.ts): only totals are printed
    for await (const ev of scan(inputs, { ...session.scanOptions(), op: { kind: 'count' }, filter, groupSmall: true })) {
      session.observe(ev);
      if (ev.kind !== 'result' || ev.result.payload.kind !== 'count') continue;
      flows += ev.result.payload.flows;
      packets += ev.result.payload.packets;
      octets += ev.result.payload.octets;
      bytes += ev.result.bytes;
      records += ev.result.records;
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    const summary = { files: inputs.length, records, flows, packets, octets, bytes, seconds: Number(secs.toFixed(3)) };
    if (opts.output === 'json') io.out.write(`${JSON.stringify(summary)}\n`);
    else {
      io.out.write(`files:    ${summary.files}\nrecords:  ${records}\nmatched:  ${flows}\npackets:  ${packets}\noctets:   ${octets}\nbytes:    ${bytes}\n`);
    }
    const status = session.finish();
    // nothing readable is an error (1), whatever was reported about the inputs
    setStatus(inputs.length === 0 ? EXIT.ERROR : status);
  });
};
