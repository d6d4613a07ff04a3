/**
 * expandInputs: command-line arguments to the ordered input list, as flow-cat builds it
 * (lib/ftfile.c): directories walked, tmp* skipped unless -a (`all`), each argument ordered by header
 * capture start (one list over all with -g, `globalSort`), globs, and problems reported while the
 * other inputs are still returned.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs, type Opened } from '../../../src/engine/inputs.ts';
import { InputError } from '../../../src/engine/open.ts';
import { FIELD } from '../../../src/format/constants.ts';
import { emptyHeader, HeaderError } from '../../../src/format/header.ts';
import { encodeHeader } from '../../../src/format/header-write.ts';
import { someRecords, tmpDir, writeFlowFile } from '../../helpers/flowfile.ts';

const root = tmpDir('flowsift-inputs-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A small flow file at root/`rel` whose header says capture started at `capStart`. */
function flow(rel: string, capStart: number): string {
  return writeFlowFile(path.join(root, rel), someRecords(2), { capStart });
}

/** The inputs as paths relative to root, in list order. */
function names(inputs: Opened[]): string[] {
  return inputs.map((i) => path.relative(root, i.display));
}

describe('expandInputs', () => {
  it('walks a directory recursively, ordered by capture start, skipping tmp* names', async () => {
    flow('walk/ft-c', 300);
    flow('walk/ft-a', 100);
    flow('walk/sub/deeper/ft-b', 200);
    flow('walk/tmp-d', 50);
    const { inputs, problems } = await expandInputs([path.join(root, 'walk')]);
    expect(problems).toEqual([]);
    expect(names(inputs)).toEqual(['walk/ft-a', 'walk/sub/deeper/ft-b', 'walk/ft-c']);
    const first = inputs[0]!;
    expect(first.path).toBe(first.display);
    expect(first).toMatchObject({ seekable: true, size: fs.statSync(first.path).size, compressed: false });
    expect(first.header.capStart).toBe(100);
    expect(first.layout.size).toBe(64);
    expect(first.dataStart).toBe(first.header.headerSize);
  });

  it('keeps tmp* files with `all` (-a)', async () => {
    const { inputs } = await expandInputs([path.join(root, 'walk')], { all: true });
    expect(names(inputs)).toEqual(['walk/tmp-d', 'walk/ft-a', 'walk/sub/deeper/ft-b', 'walk/ft-c']);
  });

  it('equal capture starts keep the order found (names sorted); starts compare unsigned', async () => {
    flow('ties/b', 1000);
    flow('ties/a', 1000);
    flow('ties/c', 999);
    flow('ties/late', 0xf0000000);
    flow('ties/early', 0x10000000);
    const { inputs } = await expandInputs([path.join(root, 'ties')]);
    expect(names(inputs)).toEqual(['ties/c', 'ties/a', 'ties/b', 'ties/early', 'ties/late']);
  });

  it('orders within each argument, keeps argument order; `globalSort` (-g) orders across all', async () => {
    flow('argA/x1', 600);
    flow('argA/x2', 500);
    flow('argB/y1', 200);
    flow('argB/y2', 100);
    const file = flow('single', 500);
    const args = [path.join(root, 'argA'), path.join(root, 'argB'), file];
    const perArg = await expandInputs(args);
    expect(names(perArg.inputs)).toEqual(['argA/x2', 'argA/x1', 'argB/y2', 'argB/y1', 'single']);
    const global = await expandInputs(args, { globalSort: true });
    // argA/x2 and single tie at 500: the earlier argument stays first
    expect(names(global.inputs)).toEqual(['argB/y2', 'argB/y1', 'argA/x2', 'single', 'argA/x1']);
  });

  it('expands globs (sorted by capture start), skipping tmp* basenames unless `all`', async () => {
    flow('glob/ft-1', 30);
    flow('glob/ft-2', 10);
    flow('glob/tmp-3', 20);
    flow('glob/other', 5);
    const pattern = path.join(root, 'glob', '*-[0-9]');
    expect(names((await expandInputs([pattern])).inputs)).toEqual(['glob/ft-2', 'glob/ft-1']);
    expect(names((await expandInputs([pattern], { all: true })).inputs)).toEqual(['glob/ft-2', 'glob/tmp-3', 'glob/ft-1']);
    const none = await expandInputs([path.join(root, 'glob', 'nothing-*')]);
    expect(none.inputs).toEqual([]);
    expect(none.problems).toEqual([{ path: path.join(root, 'glob', 'nothing-*'), kind: 'open', message: 'no file matches this pattern' }]);
  });

  it('a glob that matches directories walks them, as the shell-expanded arguments would be', async () => {
    flow('days/2026-11-01/ft-a', 2);
    flow('days/2026-11-01/sub/ft-b', 1);
    flow('days/2026-11-02/ft-c', 3);
    flow('days/notes-1', 4);
    const { inputs, problems } = await expandInputs([path.join(root, 'days', '2026-*')]);
    expect(problems).toEqual([]);
    expect(names(inputs)).toEqual(['days/2026-11-01/sub/ft-b', 'days/2026-11-01/ft-a', 'days/2026-11-02/ft-c']);
    // `**` matches the directories and the files in them: each file once
    expect(names((await expandInputs([path.join(root, 'days', '**')])).inputs).sort()).toEqual(
      ['days/2026-11-01/ft-a', 'days/2026-11-01/sub/ft-b', 'days/2026-11-02/ft-c', 'days/notes-1']);
  });

  it('a glob does not follow link loops: each file once, the loop reported, and it ends', async () => {
    const f = flow('looped/d/ft-f', 1);
    fs.symlinkSync('..', path.join(root, 'looped', 'd', 'up'));
    fs.symlinkSync('.', path.join(root, 'looped', 'd', 'here'));
    fs.symlinkSync(f, path.join(root, 'looped', 'd', 'ft-link'));
    const { inputs, problems } = await expandInputs([path.join(root, 'looped', '**')]);
    expect(inputs).toHaveLength(1);
    expect(fs.realpathSync(inputs[0]!.display)).toBe(fs.realpathSync(f));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.kind === 'loop')).toBe(true);
  });

  it('drop-ins: a named file is skipped as tmp* when the argument itself starts with "tmp", silently (ftfile_loadfile)', async () => {
    const named = flow('explicit/tmp-x', 1);
    const rel = path.relative(process.cwd(), flow('explicit/ft-y', 1));
    expect(names((await expandInputs([named], { tmpByArgument: true })).inputs)).toEqual(['explicit/tmp-x']);
    // an argument "tmp..." of a file under a directory named tmp*: flow-tools skips it
    fs.mkdirSync(path.join(process.cwd(), 'tmp-inputs-test'), { recursive: true });
    try {
      const copy = path.join('tmp-inputs-test', 'ft-z');
      fs.copyFileSync(named, copy);
      expect((await expandInputs([copy], { tmpByArgument: true })).inputs).toEqual([]);
      // flowsift: the file's own name decides, so the same argument is read
      expect((await expandInputs([copy])).inputs.map((i) => i.display)).toEqual([copy]);
    } finally {
      fs.rmSync(path.join(process.cwd(), 'tmp-inputs-test'), { recursive: true, force: true });
    }
    expect(names((await expandInputs([rel], { tmpByArgument: true })).inputs)).toEqual(['explicit/ft-y']);
  });

  it('flowsift: a named file whose own name starts with "tmp" is skipped with a problem saying so (kept with `all`)', async () => {
    const named = flow('explicit2/tmp-x', 1);
    const { inputs, problems } = await expandInputs([named]);
    expect(inputs).toEqual([]);
    expect(problems).toEqual([{ path: named, kind: 'tmp', message: 'name begins with "tmp" (a capture in progress), skipping; -a reads it' }]);
    expect(names((await expandInputs([named], { all: true })).inputs)).toEqual(['explicit2/tmp-x']);
  });

  it('reports a missing path and still returns the others, in order', async () => {
    const a = flow('missing/a', 2);
    const b = flow('missing/b', 1);
    const gone = path.join(root, 'missing', 'gone');
    const { inputs, problems } = await expandInputs([a, gone, b]);
    expect(names(inputs)).toEqual(['missing/a', 'missing/b']);
    expect(problems).toEqual([{ path: gone, kind: 'open', message: 'No such file or directory' }]);
  });

  it('reports a file whose header cannot be read, with the HeaderError, and keeps the others', async () => {
    flow('broken/good', 1);
    const bad = path.join(root, 'broken', 'bad-magic');
    fs.writeFileSync(bad, Buffer.from([0xde, 0xad, 1, 3, 8, 0, 0, 0]));
    const { inputs, problems } = await expandInputs([path.join(root, 'broken')]);
    expect(names(inputs)).toEqual(['broken/good']);
    expect(problems).toHaveLength(1);
    const p = problems[0]!;
    expect(p).toMatchObject({ path: bad, kind: 'header', message: 'ftiheader_read(): Warning, bad magic number' });
    expect(p.error).toBeInstanceOf(InputError);
    expect(p.error!.cause).toBeInstanceOf(HeaderError);
    expect(p.error!.cause).toMatchObject({ code: 'BAD_MAGIC', offset: 0 });
  });

  it('lists a file with an unsupported record version, carrying its layout error (for flow-header)', async () => {
    const h = emptyHeader();
    h.dVersion = 99;
    h.fields = FIELD.EX_VER | FIELD.CAP_START;
    h.capStart = 7;
    const file = path.join(root, 'v99', 'ft-v99');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, encodeHeader(h, 1));
    const { inputs, problems } = await expandInputs([file]);
    expect(problems).toEqual([]);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.header.dVersion).toBe(99);
    expect(inputs[0]!.layoutError).toMatchObject({ code: 'BAD_RECORD_TYPE', lines: ['Unsupported d_version 99', 'Unsupported record type (ftio_rec_size_', 'ftio_init(): failed'] });
  });

  it('visits a directory once when a symbolic link loops back to it', async () => {
    flow('loop/ft-1', 1);
    fs.symlinkSync('.', path.join(root, 'loop', 'again'));
    const { inputs, problems } = await expandInputs([path.join(root, 'loop')]);
    expect(names(inputs)).toEqual(['loop/ft-1']);
    expect(problems).toEqual([{ path: path.join(root, 'loop', 'again'), kind: 'loop', message: 'directory already visited (symbolic link loop), skipping' }]);
  });

  it('onceEach (flowsift): each file once across overlapping arguments, links and repeats, each repeat said once', async () => {
    flow('once/ft-1', 1);
    flow('once/day/ft-2', 2);
    fs.symlinkSync(path.join(root, 'once', 'ft-1'), path.join(root, 'once', 'day', 'link-to-1'));
    const args = [path.join(root, 'once'), path.join(root, 'once', 'day'), path.join(root, 'once', 'day', 'ft-2'), path.join(root, 'once', 'ft-1')];
    const { inputs, problems } = await expandInputs(args, { onceEach: true });
    // the walk goes into day/ before it reaches ft-1 (names in order): the link is found first
    expect(names(inputs)).toEqual(['once/day/link-to-1', 'once/day/ft-2']);
    const again = 'already read (another argument or a link leads to it too): read once';
    expect(problems).toEqual([
      { path: path.join(root, 'once', 'ft-1'), kind: 'again', message: again },
      { path: path.join(root, 'once', 'day'), kind: 'again', message: 'directory already named by an earlier argument: read once' },
      { path: path.join(root, 'once', 'day', 'ft-2'), kind: 'again', message: again },
      { path: path.join(root, 'once', 'ft-1'), kind: 'again', message: again },
    ]);
    // as flow-cat does, without it: the named file and the link are read again
    const plain = await expandInputs([path.join(root, 'once'), path.join(root, 'once', 'ft-1')]);
    expect(names(plain.inputs)).toEqual(['once/day/link-to-1', 'once/ft-1', 'once/day/ft-2', 'once/ft-1']);
  });

  it('onceEach: a file walked through a linked directory is the file its real path names', async () => {
    flow('real/ft-9', 9);
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'via'));
    const { inputs, problems } = await expandInputs([path.join(root, 'via'), path.join(root, 'real', 'ft-9'), path.join(root, 'real')], { onceEach: true });
    expect(names(inputs)).toEqual(['via/ft-9']);
    expect(problems.map((p) => [path.relative(root, p.path), p.kind])).toEqual([['real/ft-9', 'again'], ['real', 'again']]);
  });

  it('no arguments and no stdin: nothing, and no problem', async () => {
    expect(await expandInputs([])).toEqual({ inputs: [], problems: [] });
  });
});
