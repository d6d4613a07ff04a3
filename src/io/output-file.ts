/**
 * An output file that never exists half-written: data goes to a temporary name in the same
 * directory and is renamed over the target only when complete (commit). Targets that are not
 * regular files (a FIFO, /dev/stdout) are written directly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Output } from './output.ts';

export interface OutputFile {
  out: Output;
  /** the target is (or will be) a regular file: its header can be rewritten in place */
  isFile: boolean;
  /** everything written: move the file into place */
  commit(): void;
  /** give up: remove the temporary file */
  abort(): void;
}

export function openOutputFile(target: string): OutputFile {
  let existing: fs.Stats | undefined;
  try { existing = fs.statSync(target); } catch { /* new file */ }
  if (existing && !existing.isFile()) {
    const fd = fs.openSync(target, 'w');
    const out = new Output(fd);
    return { out, isFile: false, commit: () => { out.flush(); fs.closeSync(fd); }, abort: () => fs.closeSync(fd) };
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o644);
  const out = new Output(fd);
  let done = false;
  return {
    out,
    isFile: true,
    commit() {
      if (done) return;
      done = true;
      // whatever is still buffered belongs in the file before it is published
      out.flush();
      fs.closeSync(fd);
      fs.renameSync(tmp, target);
    },
    abort() {
      if (done) return;
      done = true;
      try { fs.closeSync(fd); } catch { /* closed */ }
      try { fs.unlinkSync(tmp); } catch { /* gone */ }
    },
  };
}
