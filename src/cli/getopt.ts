/**
 * POSIX getopt(3) as the flow-tools programs use it: "ab:C:" style specs, clustered flags (-nw),
 * attached or separate values (-f5, -f 5), "--" ends options, the first operand ends options.
 */

export interface GetoptResult {
  /** options in command-line order: [letter, value] (value undefined for flags) */
  opts: Array<[string, string | undefined]>;
  operands: string[];
}

export class GetoptError extends Error {
  constructor(readonly letter: string, readonly kind: 'unknown' | 'missing') {
    super(kind === 'unknown' ? `invalid option -- '${letter}'` : `option requires an argument -- '${letter}'`);
  }
}

export function getopt(argv: string[], spec: string): GetoptResult {
  const takes = new Map<string, boolean>();
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === ':') continue;
    takes.set(c, spec[i + 1] === ':');
  }
  const opts: GetoptResult['opts'] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (a.length < 2 || a[0] !== '-') break;
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const t = takes.get(c);
      if (t === undefined) throw new GetoptError(c, 'unknown');
      if (!t) { opts.push([c, undefined]); continue; }
      if (j + 1 < a.length) { opts.push([c, a.slice(j + 1)]); break; }
      if (i + 1 >= argv.length) throw new GetoptError(c, 'missing');
      opts.push([c, argv[++i]]);
      break;
    }
  }
  return { opts, operands: argv.slice(i) };
}

/** C atoi(): leading whitespace, optional sign, digits; anything else stops; no digits = 0. */
export function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const v = Number(m[1]);
  // int overflow wraps like a 32-bit C int would on the common path
  return v | 0;
}

/**
 * getopt() as the drop-ins call it: an unknown option or a missing value prints glibc's message
 * and the usage, and gives `status` (1 for most tools; 0 for those whose '?' case is -h's).
 */
export function toolOptions(tool: string, argv: string[], spec: string, usage: string, err: (text: string) => void, status = 1): GetoptResult | number {
  try {
    return getopt(argv, spec);
  } catch (e) {
    if (!(e instanceof GetoptError)) throw e;
    err(`${tool}: ${e.message}\n${usage}`);
    return status;
  }
}

/**
 * The tools that read only standard input refuse operands as flow-tools does ("Extra arguments
 * starting with X."); true when there were some (the message is written, the tool exits 1).
 */
export function extraArguments(tool: string, operands: readonly string[], err: (text: string) => void): boolean {
  if (!operands.length) return false;
  err(`${tool}: Extra arguments starting with ${operands[0]}.\n`);
  return true;
}
