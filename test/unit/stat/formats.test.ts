/**
 * Every flow-stat report against flow-tools' own output: the flow-gen files of v1005 (tags), v8.1
 * (dFlows), v5 and v7 through all 33 formats, and option variants on the realistic fixtures, run
 * in-process through the drop-in (inputs from test/fixtures/golden/data, expected output from
 * test/fixtures/stat).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flowStat } from '../../../src/cli/flow-stat.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { Output } from '../../../src/io/output.ts';

const here = path.resolve(import.meta.dirname, '../../fixtures/stat');
const data = path.resolve(import.meta.dirname, '../../fixtures/golden');
const cases = fs.readFileSync(path.join(here, 'cases.tsv'), 'latin1').split('\n').filter(Boolean).slice(1)
  .map((l) => l.split('\t')).map(([id, command, status]) => ({ id: id!.replace('stat/', ''), command: command!, status: Number(status) }));

/** "flow-stat -f 14 -T "My Title" < data/x" -> argv and the input path. */
function parse(command: string): { argv: string[]; input: string } {
  const [cmd, input] = command.split(' < ');
  const argv = [...cmd!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
  return { argv, input: input!.trim() };
}

describe('flow-stat reports match flow-tools', () => {
  for (const c of cases) {
    it(c.id, async () => {
      const { argv, input } = parse(c.command);
      const out = Output.memory();
      let err = '';
      const io: CliIO = { out, err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stdinPath: path.join(data, input), stderrIsTTY: false };
      const status = await flowStat(argv, io);
      const want = zlib.gunzipSync(fs.readFileSync(path.join(here, `${c.id}.out.gz`))).toString('latin1');
      const got = out.text();
      expect(got === want, `${c.command}\n${err}`).toBe(true);
      expect(status).toBe(c.status);
    });
  }
});
