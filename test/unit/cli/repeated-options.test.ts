// flowsift's options given twice: --where and --var collect (every --where must hold), every other
// option that takes a value refuses a second one before any input is read (commander alone kept the
// last value, so `--where A --where B` filtered on B and `stat -f 5 -f 10` printed report 10).
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { flowsift } from '../../../src/cli/flowsift.ts';
import { registerCommands } from '../../../src/cli/commands/index.ts';
import { ExitError, type CliIO } from '../../../src/cli/runtime.ts';
import { Output } from '../../../src/io/output.ts';
import { someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';

function memoryIO(): CliIO & { errText(): string } {
  let err = '';
  return { out: Output.memory(), err: (t) => { err += t; }, env: {}, stderrIsTTY: false, cleanup: new Set(), errText: () => err };
}

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = memoryIO();
  try {
    const status = await flowsift(argv, io);
    return { status, out: io.out.text(), err: io.errText() };
  } catch (e) {
    if (e instanceof ExitError) return { status: e.status, out: io.out.text(), err: e.message };
    throw e;
  }
}

/** A value each option accepts: its first choice, else a number. */
const valueFor = (o: { argChoices?: string[] }): string => o.argChoices?.[0] ?? '1';

describe('options given twice', () => {
  const dir = tmpDir();
  const file = writeFlowFile(path.join(dir, 'ft-v05.a'), someRecords(600));

  it('--where twice keeps the flows that pass both, as one --where joined by &&', async () => {
    const [a, b] = ['$srcport % 3 == 0', '$pkts > 2'];
    const both = await run(['print', '-q', '--threads', '1', '--where', a, '--where', b, file]);
    const joined = await run(['print', '-q', '--threads', '1', '--where', `${a} && ${b}`, file]);
    const onlyB = await run(['print', '-q', '--threads', '1', '--where', b, file]);
    expect(both.status, both.err).toBe(0);
    expect(both.out).toBe(joined.out);
    // the test means something: each condition alone keeps other flows
    expect(onlyB.out).not.toBe(both.out);
    const onlyA = await run(['print', '-q', '--threads', '1', '--where', a, file]);
    expect(onlyA.out).not.toBe(both.out);
    expect(both.out.split('\n').length).toBeGreaterThan(3);
  });

  it('a mistake in the second --where is reported as #2, with its column', async () => {
    const r = await run(['scan', '-q', '--where', '$protocol == 6', '--where', '$dstport ==', file]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^--where #2:1:12: /);
    expect(r.out).toBe('');
  });

  it('every other option that takes a value, given twice, is a usage error naming it and both values', async () => {
    const program = new Command('flowsift');
    registerCommands(program, memoryIO(), () => {});
    let checked = 0;
    for (const cmd of program.commands) {
      for (const o of cmd.options) {
        if (!(o.required || o.optional) || ['var', 'where'].includes(o.attributeName())) continue;
        const flag = o.long ?? o.short!;
        const v = valueFor(o);
        // a missing input: the refusal comes before any path is looked at
        const r = await run([cmd.name(), flag, v, flag, v, path.join(dir, 'no-such-file')]);
        expect(r.status, `${cmd.name()} ${flag}`).toBe(2);
        expect(r.err, `${cmd.name()} ${flag}`).toContain(`given 2 times ("${v}", "${v}"): it takes one value`);
        expect(r.err).toContain(o.long ?? o.short!);
        expect(r.out).toBe('');
        checked++;
      }
    }
    // stat's -f, -S, -s, ... and the shared selection options of every scanning command
    expect(checked).toBeGreaterThan(40);
    const f = await run(['stat', '-f', '5', '--format=10', file]);
    expect(f.err).toBe('-f/--format given 2 times ("5", "10"): it takes one value');
  });

  it('flags and --var may repeat', async () => {
    const r = await run(['scan', '-q', '-q', '--threads', '1', file]);
    expect(r.status, r.err).toBe(0);
    expect(r.out).toMatch(/records: +600\n/);
    const cfg = path.join(dir, 'f.cfg');
    (await import('node:fs')).writeFileSync(cfg, 'filter-primitive p\n  type ip-protocol\n  permit @{P:-6}\nfilter-definition d\n  match ip-protocol p\n');
    const v = await run(['scan', '-q', '--threads', '1', '--filter-file', cfg, '--filter', 'd', '-v', 'P=17', '-v', 'P=6', file]);
    expect(v.status, v.err).toBe(0);
  });
});
