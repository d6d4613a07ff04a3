/**
 * fdSource over a file, which reads ahead (one call serves a header's three reads; the call count
 * is not asserted here): the bytes handed out are the file's whatever the reads' sizes, short at
 * its end, and copies (the caller's scratch is read into again).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fdSource, READ_AHEAD } from '../../../src/io/fd-read.ts';
import { tmpDir } from '../../helpers/flowfile.ts';

const root = tmpDir('flowsift-fdread-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A file of `n` bytes, byte i = i mod 251; its descriptor. */
function file(n: number): number {
  const p = path.join(root, `f${n}`);
  fs.writeFileSync(p, Uint8Array.from({ length: n }, (_, i) => i % 251));
  return fs.openSync(p, 'r');
}
const bytes = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => (from + i) % 251);

describe('fdSource', () => {
  it('hands out the file in order across the read-ahead\'s end, and short at the end of the file', () => {
    const n = READ_AHEAD * 2 + 100;
    const fd = file(n);
    const src = fdSource(fd, 0);
    const sizes = [4, 4, 80, READ_AHEAD - 90, 10, READ_AHEAD + 50, 200];
    let at = 0;
    for (const k of sizes) {
      const got = src.read(k);
      const want = Math.max(0, Math.min(k, n - at));
      expect([...got]).toEqual(bytes(at, want));
      at += want;
      expect(src.position).toBe(at);
    }
    expect(src.read(10).length).toBe(0);
    fs.closeSync(fd);
  });

  it('starts at `start`, and its bytes stay when the scratch is read into for another file', () => {
    const a = file(300), b = file(500);
    const scratch = new Uint8Array(READ_AHEAD);
    const first = fdSource(a, 10, scratch).read(20);
    fdSource(b, 100, scratch).read(50);
    expect([...first]).toEqual(bytes(10, 20));
    fs.closeSync(a);
    fs.closeSync(b);
  });
});
