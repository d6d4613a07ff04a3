/**
 * filter.cfg → FilterConfig, line by line as ftfil_load() reads it (keywords case-insensitive,
 * `#` comment lines, a keyword allowed only in its block), but collecting every mistake with its
 * position instead of stopping at the first. Definitions are resolved later (validate.ts).
 */
import type { HostLookup } from './address.ts';
import { etcHostsLookup } from './address.ts';
import { PRIMITIVE_TYPES, type Definition, type FilterConfig, type Mode, type Primitive, type PrimitiveType, type Range } from './ast.ts';
import { strtoul } from './cnum.ts';
import { parseEntry, type EntryContext } from './entry-parse.ts';
import type { Diagnostic, ErrorCode } from './errors.ts';
import { expandLine, type Line, type Word } from './line-words.ts';
import type { SymbolLookup } from './symbols.ts';

export interface ParseOptions {
  /** -v VAR=value bindings */
  vars?: ReadonlyMap<string, string>;
  symbols: SymbolLookup;
  /** host names in addresses. Default: /etc/hosts */
  hosts?: HostLookup;
  /** "now" for time-date phrases, unix seconds */
  now: number;
}

type State = 'none' | 'primitive' | 'definition';

const KEYWORDS: Readonly<Record<string, State | 'any'>> = {
  'filter-primitive': 'any', 'type': 'primitive', 'permit': 'primitive', 'deny': 'primitive',
  'default': 'primitive', 'mask': 'primitive', 'filter-definition': 'any', 'match': 'definition',
  'or': 'definition', 'invert': 'definition',
};

class Parser {
  readonly config: FilterConfig = { primitives: [], definitions: [] };
  readonly diagnostics: Diagnostic[] = [];
  private state: State = 'none';
  private prim: Primitive | null = null;
  private def: Definition | null = null;
  /** the current definition's open AND group, or null after `or` */
  private group: Definition['groups'][number] | null = null;
  private seen = new Map<string, string>();
  private marks: { modes?: Uint8Array } = {};

  constructor(private readonly opts: ParseOptions) {}

  error(code: ErrorCode, message: string, r: Range): void {
    this.diagnostics.push({ code, severity: 'error', message, start: r.start, end: Math.max(r.end, r.start + 1) });
  }

  line(line: Line): void {
    const [kw, ...args] = line.words;
    if (!kw || kw.text.startsWith('#')) return;
    const key = kw.text.toLowerCase();
    const allowed = KEYWORDS[key];
    if (allowed === undefined) {
      this.error('UNKNOWN_KEYWORD', `unexpected "${kw.text}" (not a filter.cfg keyword)`, kw);
      return;
    }
    if (allowed !== 'any' && allowed !== this.state) {
      const where = this.state === 'none' ? 'before any filter-primitive or filter-definition' : `in a filter-${this.state}`;
      this.error('UNKNOWN_KEYWORD', `unexpected "${kw.text}": not allowed ${where}`, kw);
      return;
    }
    let used = 0;
    switch (key) {
      case 'filter-primitive': used = this.primitive(kw, args[0]); break;
      case 'filter-definition': used = this.definition(kw, args[0]); break;
      case 'type': used = this.type(kw, args[0]); break;
      case 'permit': case 'deny': used = this.permitDeny(key, kw, args, line); break;
      case 'default': used = this.defaultMode(kw, args[0]); break;
      case 'mask': used = this.mask(kw, args[0]); break;
      case 'match': used = this.match(kw, args[0], args[1]); break;
      case 'or': this.group = null; break;
      case 'invert': this.def!.invert = true; break;
    }
    const extra = args[used];
    if (extra && used !== Infinity) {
      this.error('UNEXPECTED_WORD', `unexpected "${extra.text}" after ${kw.text.toLowerCase()}`, { start: extra.start, end: line.words[line.words.length - 1]!.end });
    }
  }

  private primitive(kw: Word, name: Word | undefined): number {
    if (!name) { this.error('MISSING_NAME', 'expecting a primitive name', { start: kw.end, end: kw.end + 1 }); return 0; }
    const p: Primitive = {
      name: name.text, nameRange: { start: name.start, end: name.end }, defaultMode: 'deny', mask: 0xff,
      entries: [], start: kw.start, end: name.end,
    };
    const prev = this.config.primitives.find((q) => q.name.toLowerCase() === name.text.toLowerCase());
    if (prev) this.error('DUPLICATE_PRIMITIVE', `primitive "${name.text}" previously defined (names are case-insensitive)`, name);
    else this.config.primitives.push(p);
    this.prim = p;
    this.seen = new Map();
    this.marks = {};
    this.state = 'primitive';
    return 1;
  }

  private definition(kw: Word, name: Word | undefined): number {
    if (!name) { this.error('MISSING_NAME', 'expecting a definition name', { start: kw.end, end: kw.end + 1 }); return 0; }
    const d: Definition = { name: name.text, nameRange: { start: name.start, end: name.end }, groups: [], invert: false, start: kw.start, end: name.end };
    const prev = this.config.definitions.find((q) => q.name.toLowerCase() === name.text.toLowerCase());
    if (prev) this.error('DUPLICATE_DEFINITION', `definition "${name.text}" previously defined (names are case-insensitive)`, name);
    else this.config.definitions.push(d);
    this.def = d;
    this.group = null;
    this.state = 'definition';
    return 1;
  }

  private type(kw: Word, w: Word | undefined): number {
    const p = this.prim!;
    if (!w) { this.error('MISSING_TYPE', 'expecting a type', { start: kw.end, end: kw.end + 1 }); return 0; }
    if (p.type) { this.error('TYPE_REDEFINED', `type previously defined (${p.type})`, w); return 1; }
    const t = w.text.toLowerCase() as PrimitiveType;
    if (!PRIMITIVE_TYPES.includes(t)) {
      this.error('UNKNOWN_TYPE', `unrecognized type "${w.text}" (one of ${PRIMITIVE_TYPES.join(', ')})`, w);
      return 1;
    }
    p.type = t;
    p.typeRange = { start: w.start, end: w.end };
    return 1;
  }

  private needType(kw: Word): PrimitiveType | undefined {
    const t = this.prim!.type;
    if (!t) this.error('TYPE_NOT_SET', `"${kw.text}" before "type": set the primitive's type first`, kw);
    return t;
  }

  private permitDeny(mode: Mode, kw: Word, args: Word[], line: Line): number {
    const t = this.needType(kw);
    if (!t) return Infinity;
    const ctx: EntryContext = {
      symbols: this.opts.symbols, hosts: this.opts.hosts ?? etcHostsLookup, now: this.opts.now,
      report: (d) => this.diagnostics.push(d), seen: this.seen, marks: this.marks,
    };
    const { entry, used } = parseEntry(t, mode, line, args, ctx, kw);
    if (entry) this.prim!.entries.push(entry);
    return used;
  }

  private defaultMode(kw: Word, w: Word | undefined): number {
    const m = w?.text.toLowerCase();
    if (m !== 'permit' && m !== 'deny') {
      this.error('BAD_DEFAULT', 'expecting permit or deny', w ?? { start: kw.end, end: kw.end + 1 });
      return w ? 1 : 0;
    }
    const t = this.needType(kw);
    if (!t) return 1;
    if (t === 'rate') {
      this.diagnostics.push({ code: 'NO_DEFAULT_FOR_RATE', severity: 'warning', message: 'no default mode for rate (ignored)', start: kw.start, end: w!.end });
      return 1;
    }
    this.prim!.defaultMode = m;
    return 1;
  }

  private mask(kw: Word, w: Word | undefined): number {
    if (!w) { this.error('MISSING_ARGUMENT', 'expecting a mask value', { start: kw.end, end: kw.end + 1 }); return 0; }
    const t = this.prim!.type;
    if (t !== 'ip-tos' && t !== 'ip-tcp-flags') {
      this.error('MASK_NOT_SUPPORTED', `mask not supported for ${t ? `type ${t}` : 'a primitive without a type'} (ip-tos and ip-tcp-flags only)`, kw);
      return 1;
    }
    const n = strtoul(w.text);
    if (n.used !== w.text.length) {
      this.diagnostics.push({ code: 'NOT_A_NUMBER', severity: 'mistake', message: `"${w.text}" is not a number: flow-tools reads it as ${n.value & 0xff}`, start: w.start, end: w.end });
    }
    this.prim!.mask = n.value & 0xff;
    return 1;
  }

  private match(kw: Word, type: Word | undefined, prim: Word | undefined): number {
    if (!type || !prim) {
      this.error('MISSING_ARGUMENT', type ? 'expecting the match primitive' : 'expecting the match type and primitive', { start: (type ?? kw).end, end: (type ?? kw).end + 1 });
      return type ? 1 : 0;
    }
    if (!this.group) {
      this.group = [];
      this.def!.groups.push(this.group);
    }
    this.group.push({
      match: type.text, matchRange: { start: type.start, end: type.end },
      primitive: prim.text, primitiveRange: { start: prim.start, end: prim.end },
      start: kw.start, end: prim.end,
    });
    return 2;
  }
}

/** Parse config text. Diagnostics are in text order of discovery; nothing is thrown. */
export function parseFilterConfig(text: string, opts: ParseOptions): { config: FilterConfig; diagnostics: Diagnostic[] } {
  const p = new Parser(opts);
  const vars = opts.vars ?? new Map<string, string>();
  let at = 0;
  while (at <= text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const raw = text.slice(at, nl);
    if (raw.length > 0) {
      const { line, error } = expandLine(raw, at, vars);
      if (error) p.diagnostics.push(error);
      else if (line) p.line(line);
    }
    at = nl + 1;
  }
  return { config: p.config, diagnostics: p.diagnostics };
}
