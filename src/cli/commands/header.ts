/**
 * `flowsift header`: the header block of every file (flow-header), or the headers as JSON. Like
 * every flowsift command, a file is shown once however many arguments lead to it (the repeat is
 * said on stderr and is no error); the flow-header drop-in shows it as often as it is named.
 */
import { Option, type Command } from 'commander';
import { expandInputs } from '../../engine/inputs.ts';
import { formatHeaderBlock } from '../../format/header-print.ts';
import type { FlowHeader } from '../../format/header.ts';
import { FIELD, HEADER_FLAG } from '../../format/constants.ts';
import { ipv4 } from '../../util/ip.ts';
import type { Register } from './index.ts';
import { EXIT } from './session.ts';
import { inputName, problemOffset } from '../tool-errors.ts';

interface HeaderOptions { all?: boolean; output: 'text' | 'json' }

export const registerHeader: Register = (program: Command, io, setStatus) => {
  program.command('header')
    .description('print the header of each flow file (flow-header), or all headers as JSON')
    .argument('<paths...>', 'flow files, directories or globs ("-" = stdin)')
    .option('-a, --all', 'include tmp* files')
    .addOption(new Option('--output <kind>', 'output kind').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], opts: HeaderOptions) => {
      const { inputs, problems } = await expandInputs(paths, { all: opts.all, allowStdin: true, onceEach: true });
      for (const p of problems) io.err(`flowsift: ${inputName(p.path)}: ${problemOffset(p)}${p.message}\n`);
      // a repeat was read once: only the other problems left a file unread
      const unread = problems.filter((p) => p.kind !== 'again');
      if (opts.output === 'json') {
        io.out.write(`${JSON.stringify(inputs.map((i) => ({ file: i.display, ...headerJson(i.header) })), null, 2)}\n`);
      } else {
        for (const i of inputs) io.out.write(`# file: ${i.display}\n${formatHeaderBlock(i.header)}`);
      }
      setStatus(unread.length ? (inputs.length ? EXIT.DAMAGED : EXIT.ERROR) : EXIT.OK);
    });
};

function headerJson(h: FlowHeader): Record<string, unknown> {
  const f = h.fields;
  const out: Record<string, unknown> = {
    byte_order: h.byteOrder === 2 ? 'big' : h.byteOrder === 1 ? 'little' : 'BROKEN',
    stream_version: h.sVersion,
    header_size: h.headerSize,
    flags: {
      done: Boolean(h.flags & HEADER_FLAG.DONE), compress: Boolean(h.flags & HEADER_FLAG.COMPRESS),
      streaming: Boolean(h.flags & HEADER_FLAG.STREAMING), preloaded: Boolean(h.flags & HEADER_FLAG.PRELOADED),
      xlate: Boolean(h.flags & HEADER_FLAG.XLATE),
    },
  };
  if (f & FIELD.EX_VER) out.export_version = h.dVersion;
  if (f & FIELD.AGG_VER) out.agg_version = h.aggVersion;
  if (f & FIELD.AGG_METHOD) out.agg_method = h.aggMethod;
  if (f & FIELD.EXPORTER_IP) out.exporter_ip = ipv4(h.exporterIp);
  if (f & FIELD.CAP_START) out.capture_start = new Date(h.capStart * 1000).toISOString();
  if (f & FIELD.CAP_END) out.capture_end = new Date(h.capEnd * 1000).toISOString();
  if (f & FIELD.FLOW_COUNT) out.capture_flows = h.flowsCount;
  if (f & FIELD.FLOW_LOST) out.lost_flows = h.flowsLost;
  if (f & FIELD.FLOW_MISORDERED) out.misordered_flows = h.flowsMisordered;
  if (f & FIELD.PKT_CORRUPT) out.corrupt_packets = h.pktsCorrupt;
  if (f & FIELD.SEQ_RESET) out.sequencer_resets = h.seqReset;
  if (f & FIELD.CAP_HOSTNAME) out.capture_hostname = h.capHostname;
  if (f & FIELD.COMMENTS) out.comments = h.comments;
  return out;
}
