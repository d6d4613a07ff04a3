/**
 * readSmall: a small compressed section is read whole into the thread's reused buffer, to the end
 * of the file whatever size was planned (a capture file may have grown since), grown when a file
 * needs more room, and each call's bytes are that file's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newWorkerState, readSmall } from '../../../src/engine/scan-task.ts';
import { tmpDir } from '../../helpers/flowfile.ts';

const root = tmpDir('flowsift-readsmall-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function file(name: string, n: number, seed: number): number {
  const p = path.join(root, name);
  fs.writeFileSync(p, Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff));
  return fs.openSync(p, 'r');
}
const bytes = (n: number, seed: number, from = 0): number[] => Array.from({ length: n - from }, (_, i) => ((i + from) * 7 + seed) & 0xff);

describe('readSmall', () => {
  it('reads from start to the end of the file, past a planned size that is too small', () => {
    const st = newWorkerState();
    const fd = file('grown', 30000, 1);
    // planned when the file had 20,000 bytes: it grew by 10,000 since
    expect([...readSmall(st, fd, 88, 20000)]).toEqual(bytes(30000, 1, 88));
    fs.closeSync(fd);
  });

  it('reuses its buffer, grows it for a bigger file, and stops at the end of a shorter one', () => {
    const st = newWorkerState();
    const a = file('a', 5000, 2), b = file('b', 70000, 3), c = file('c', 100, 4);
    expect([...readSmall(st, a, 0, 5000)]).toEqual(bytes(5000, 2));
    const first = st.smallBuffer;
    expect([...readSmall(st, b, 0, 70000)]).toEqual(bytes(70000, 3));
    expect(st.smallBuffer.length).toBeGreaterThanOrEqual(70000);
    expect(st.smallBuffer).not.toBe(first);
    const grown = st.smallBuffer;
    // planned at 5,000 bytes: the file is shorter now
    expect([...readSmall(st, c, 0, 5000)]).toEqual(bytes(100, 4));
    expect(st.smallBuffer).toBe(grown);
    for (const fd of [a, b, c]) fs.closeSync(fd);
  });
});
