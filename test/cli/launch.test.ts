/**
 * How the executables start: bin/launch.js runs each tool's CommonJS bundle with the V8 code cache
 * the build wrote beside it. A cache V8 rejects (other flags, another Node) would only make start-up
 * slower, silently; these tests make that visible.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const bundleDir = path.join(root, 'dist/bundle');
// the executables: every file in bin/ but the launcher and the package.json that makes them CommonJS
const TOOLS = fs.readdirSync(path.join(root, 'bin')).filter((f) => !f.includes('.'));
const fixture = path.join(root, 'test/fixtures/golden/data/fixtures/ft-v05.2005-07-06.130500-0400');

/** Node's flags in the executables' shebang line (a cache is only accepted under the same flags). */
function shebangFlags(): string[] {
  const first = fs.readFileSync(path.join(root, 'bin/flow-print'), 'latin1').split('\n')[0]!;
  return first.replace(/^#!\/usr\/bin\/env -S (?:\S+=\S*\s+)*node\s*/, '').split(/\s+/).filter(Boolean);
}

describe('executables start from their bundle and code cache', () => {
  it('every tool has a bundle and a cache that V8 accepts under the executables\' flags', () => {
    const check = `
      const fs = require('fs'), vm = require('vm'), { wrap } = require('module');
      const out = {};
      for (const t of ${JSON.stringify(TOOLS)}) {
        const f = ${JSON.stringify(bundleDir)} + '/' + t + '.cjs';
        const s = new vm.Script(wrap(fs.readFileSync(f, 'utf8')), { filename: f, cachedData: fs.readFileSync(f + '.cache') });
        out[t] = s.cachedDataRejected;
      }
      process.stdout.write(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, [...shebangFlags(), '-e', check], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(Object.fromEntries(TOOLS.map((t) => [t, false])));
  });

  it('a damaged cache costs only the compile: the tool still prints the same bytes', () => {
    const cache = path.join(bundleDir, 'flow-header.cjs.cache');
    const good = fs.readFileSync(cache);
    const run = () => spawnSync(path.join(root, 'bin/flow-header'), [], { input: fs.readFileSync(fixture), env: { ...process.env, TZ: 'UTC' } });
    const before = run();
    try {
      fs.writeFileSync(cache, Buffer.from(good.subarray(0, 100)));
      const after = run();
      expect(after.status).toBe(before.status);
      expect(after.stdout.equals(before.stdout)).toBe(true);
      expect(after.stderr.toString()).toBe(before.stderr.toString());
    } finally {
      fs.writeFileSync(cache, good);
    }
  });
});
