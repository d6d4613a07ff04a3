/**
 * Which output file each record of flow-split goes to (src/flow-split.c), with no I/O: the caller
 * writes. One output, or one per tag (-g/-G); each numbers its files from 0. An output starts a
 * new file at the record after the one that filled it (-N flows) or that came more than -T
 * seconds after the file's start. flow-split's bookkeeping is copied as it is, quirks included:
 * - a file's start is the first record's unix_secs (it stays 0 for a record at 0);
 * - the record that ends a file by time is still written to it, and becomes that file's start
 *   (the closed file's header says so);
 * - a file's end is its last record's unix_secs, whatever came before (records out of order);
 * - a time split only counts records later than the start.
 */

/** A file that is complete: the header values it closes with. */
export interface SplitClose {
  /** the file's number within its output (0, 1, ...) */
  id: number;
  capStart: number;
  capEnd: number;
  flows: number;
}

/** One output: the records of one tag, or all of them. */
export interface SplitOutput {
  /** the tag (0 when not splitting by tag) */
  readonly tag: number;
  /** the number the next file opened will have */
  nextId: number;
  /** records in the open file */
  flows: number;
  capStart: number;
  capEnd: number;
  /** the next record opens a new file */
  newFile: boolean;
  /** a file is open */
  open: boolean;
}

export class SplitPlan {
  private readonly byTag = new Map<number, SplitOutput>();
  private readonly single: SplitOutput = newOutput(0);
  /** what the record just routed needs before it is written: a file closed, or null */
  closing: SplitClose | null = null;
  /** ... and the number of the file it opens, or -1 */
  opening = -1;

  /**
   * @param maxFlows records per file (0: no limit)
   * @param maxSeconds seconds of records per file (0: no limit)
   * @param tagged one output per tag
   */
  constructor(readonly maxFlows: number, readonly maxSeconds: number, readonly tagged: boolean) {}

  /**
   * Route a record of `secs` (unix_secs) and `tag`: its output, after `closing` and `opening` say
   * what must happen before it is written there.
   */
  route(secs: number, tag: number): SplitOutput {
    let o = this.single;
    if (this.tagged) {
      const had = this.byTag.get(tag);
      if (had) o = had;
      else this.byTag.set(tag, (o = newOutput(tag)));
    }
    this.closing = null;
    this.opening = -1;
    if (o.newFile) {
      if (o.open) {
        this.closing = { id: o.nextId - 1, capStart: o.capStart, capEnd: o.capEnd, flows: o.flows };
        o.flows = 0;
        o.capStart = 0;
        o.capEnd = 0;
      }
      if (secs > o.capStart) o.capStart = secs;
      this.opening = o.nextId++;
      o.newFile = false;
      o.open = true;
    }
    o.flows++;
    if (this.maxFlows && o.flows >= this.maxFlows) o.newFile = true;
    if (this.maxSeconds && secs > o.capStart && secs - o.capStart > this.maxSeconds) {
      o.capStart = secs;
      o.newFile = true;
    }
    o.capEnd = secs;
    return o;
  }

  /** The files still open at the end, to close with these header values. */
  *finish(): Generator<{ output: SplitOutput; close: SplitClose }> {
    const all = this.tagged ? [...this.byTag.values()] : [this.single];
    for (const o of all) {
      if (!o.open) continue;
      o.open = false;
      yield { output: o, close: { id: o.nextId - 1, capStart: o.capStart, capEnd: o.capEnd, flows: o.flows } };
    }
  }
}

function newOutput(tag: number): SplitOutput {
  return { tag, nextId: 0, flows: 0, capStart: 0, capEnd: 0, newFile: true, open: false };
}
