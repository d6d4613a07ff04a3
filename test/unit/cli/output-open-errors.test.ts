// An output that cannot be opened is named as the user gave it, with the C library's words (not
// Node's message, which named the temporary file the output is first written to).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowCat } from '../../../src/cli/flow-cat.ts';
import { flowMerge } from '../../../src/cli/flow-merge.ts';
import type { CliIO } from '../../../src/cli/runtime.ts';
import { strerror } from '../../../src/cli/tool-errors.ts';
import { Output } from '../../../src/io/output.ts';
import { someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';

function io(): CliIO & { text(): string } {
  let err = '';
  return { out: Output.memory(), err: (t) => { err += t; }, env: { FLOWSIFT_THREADS: '1' }, stderrIsTTY: false, cleanup: new Set(), text: () => err };
}

describe('output open errors', () => {
  const dir = tmpDir();
  const file = writeFlowFile(path.join(dir, 'ft-v05.a'), someRecords(10));
  const target = path.join(dir, 'missing', 'out');

  it('flow-cat -o and flow-merge -o into a directory that does not exist', async () => {
    for (const [tool, main] of [['flow-cat', flowCat], ['flow-merge', flowMerge]] as const) {
      const x = io();
      expect(await main(['-o', target, file], x)).toBe(1);
      expect(x.text()).toBe(`${tool}: open(${target}): No such file or directory\n`);
    }
  });

  it('strerror: errno codes in the C library\'s words, anything else as it came', () => {
    const e = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: node words`), { code });
    expect(['ENOENT', 'EACCES', 'EMFILE', 'EADDRNOTAVAIL'].map((c) => strerror(e(c)))).toEqual(['No such file or directory', 'Permission denied', 'Too many open files', 'Cannot assign requested address']);
    expect(strerror(e('EWHATEVER'))).toBe('EWHATEVER: node words');
    expect(strerror(new Error('plain'))).toBe('plain');
  });
});
