/**
 * tag.cfg → TagConfig, line by line as fttag_load() (lib/fttag.c) reads it: variables substituted
 * first, words split on spaces and tabs, `#` comment lines, keywords case-insensitive and each
 * allowed only in its section (tag-action: type, match; tag-definition: term, input-filter,
 * output-filter, exporter, action). Like flow-tools it stops at the first error; unlike it, the
 * error carries its place in the file. Action names are resolved later (load.ts).
 */
import { etcHostsLookup, scanIp, type HostLookup } from '../filter/address.ts';
import type { Range } from '../filter/ast.ts';
import { expandLine, type Line, type Word } from '../filter/line-words.ts';
import { loadIndexList } from './index-list.ts';
import { checkAddress, parseMatch, type MatchContext } from './match-line.ts';
import { TYPE_WORDS, type TagAction, type TagConfig, type TagDefinition, type TagDiagnostic, type TagTerm } from './types.ts';

export interface ParseOptions {
  /** -v VAR=value bindings */
  vars?: ReadonlyMap<string, string>;
  /** host names in addresses. Default: /etc/hosts */
  hosts?: HostLookup;
}

export interface ParseResult {
  config: TagConfig;
  diagnostics: TagDiagnostic[];
  /** an error ended the parse: flow-tools refuses the file */
  failed: boolean;
}

/** FT_LP_MAXLINE: a line must expand to fewer than 1023 characters, or ftvar_evalstr() fails. */
const MAX_LINE = 1024;

type State = 'none' | 'action' | 'definition';

const KEYWORDS: Readonly<Record<string, State | 'any'>> = {
  'tag-action': 'any', 'type': 'action', 'match': 'action',
  'tag-definition': 'any', 'exporter': 'definition', 'term': 'definition',
  'input-filter': 'definition', 'output-filter': 'definition', 'action': 'definition',
};

class StopParse extends Error {}

class Parser {
  readonly config: TagConfig = { actions: [], definitions: [] };
  readonly diagnostics: TagDiagnostic[] = [];
  private state: State = 'none';
  private action: TagAction | null = null;
  private def: TagDefinition | null = null;
  /** the last term started, and its definition: fttag.c keeps it across tag-definition lines */
  private term: { term: TagTerm; def: TagDefinition } | null = null;
  private readonly match: MatchContext;

  constructor(hosts: HostLookup) {
    this.match = { hosts, error: (m, r) => this.error(m, r), warn: (m, r) => this.warn(m, r) };
  }

  error(message: string, r: Range): never {
    this.diagnostics.push({ severity: 'error', message, start: r.start, end: Math.max(r.end, r.start + 1) });
    throw new StopParse();
  }

  warn(message: string, r: Range): void {
    this.diagnostics.push({ severity: 'warning', message, start: r.start, end: Math.max(r.end, r.start + 1) });
  }

  line(line: Line): void {
    const [kw, ...args] = line.words;
    if (!kw || kw.text.startsWith('#')) return;
    const key = kw.text.toLowerCase();
    const allowed = KEYWORDS[key];
    if (allowed === undefined || (allowed !== 'any' && allowed !== this.state)) {
      const cr = kw.text.endsWith('\r') ? ' (the line ends in a carriage return: a DOS text file?)' : '';
      const why = allowed === undefined ? cr : ` ("${key}" belongs in a tag-${allowed})`;
      this.error(`Unexpected "${kw.text}".${why}`, kw);
    }
    const used = this.keyword(key, kw, args);
    const extra = args[used];
    if (extra) this.error(`Unexpected "${extra.text}".`, { start: extra.start, end: line.words[line.words.length - 1]!.end });
  }

  /** Run a keyword's handler; returns how many of `args` it took. */
  private keyword(key: string, kw: Word, args: Word[]): number {
    const [w] = args;
    const missing = (what: string): never => this.error(`Expecting ${what}.`, { start: kw.end, end: kw.end + 1 });
    switch (key) {
      case 'tag-action': {
        if (!w) missing('name');
        this.unique(this.config.actions, w!);
        this.action = { name: w!.text, entries: new Map(), start: kw.start, end: w!.end };
        this.config.actions.push(this.action);
        this.state = 'action';
        return 1;
      }
      case 'type': {
        if (!w) missing('type');
        if (this.action!.type) this.error('Type previously defined.', w!);
        const t = TYPE_WORDS[w!.text.toLowerCase()];
        if (!t) {
          const hint = w!.text.toLowerCase() === 'ip-address' ? ' (the type of source or destination address is "ip")' : '';
          this.error(`Unrecognized type.${hint}`, w!);
        }
        this.action!.type = t;
        return 1;
      }
      case 'match':
        if (!parseMatch(this.action!, kw, args, this.match)) throw new StopParse();
        return 3;
      case 'tag-definition': {
        if (!w) missing('name');
        this.unique(this.config.definitions, w!);
        this.def = { name: w!.text, terms: [], start: kw.start, end: w!.end };
        this.config.definitions.push(this.def);
        this.state = 'definition';
        return 1;
      }
      case 'term': {
        const term: TagTerm = { actions: [], start: kw.start, end: kw.end };
        this.def!.terms.push(term);
        this.term = { term, def: this.def! };
        return 0;
      }
      default:
        return this.termLine(key, kw, w);
    }
  }

  /** exporter, input-filter, output-filter, action: they belong to the last term started. */
  private termLine(key: string, kw: Word, w: Word | undefined): number {
    if (!this.term) this.error('Must start term.', kw);
    const { term, def } = this.term!;
    const what = key === 'exporter' ? 'exporter' : key === 'action' ? 'action' : 'filter list';
    if (!w) this.error(`Expecting ${what}.`, { start: kw.end, end: kw.end + 1 });
    if (def !== this.def) {
      this.warn(`"${key}" before the first term of tag-definition "${this.def!.name}": flow-tools adds it to the last term of tag-definition "${def.name}"`, kw);
    }
    switch (key) {
      case 'exporter': {
        if (term.exporter !== undefined) this.error('Exporter previously defined.', w!);
        const ip = scanIp(w!.text, this.match.hosts);
        checkAddress(ip, w!, this.match);
        term.exporter = ip.addr;
        break;
      }
      case 'input-filter':
      case 'output-filter': {
        const side = key === 'input-filter' ? 'input' : 'output';
        if (term[side]) this.error(`${side === 'input' ? 'Input' : 'Output'} filter previously defined.`, w!);
        const list = loadIndexList(w!.text);
        if (list.error) {
          const at = w!.end - w!.start === w!.text.length ? w!.start + list.error.at : w!.start;
          this.error(list.error.message, { start: at, end: at + list.error.length });
        }
        term[side] = list.table;
        break;
      }
      default:
        term.actions.push({ name: w!.text, start: w!.start, end: w!.end });
    }
    term.end = w!.end;
    return 1;
  }

  private unique(list: ReadonlyArray<{ name: string }>, w: Word): void {
    const name = w.text.toLowerCase();
    if (list.some((x) => x.name.toLowerCase() === name)) this.error(`Name (${w.text}) previously defined.`, w);
  }
}

/** Parse tag.cfg text. Diagnostics are in the order found; the first error ends the parse. */
export function parseTagConfig(textIn: string, opts: ParseOptions = {}): ParseResult {
  const p = new Parser(opts.hosts ?? etcHostsLookup);
  const vars = opts.vars ?? new Map<string, string>();
  // flow-tools reads the file as a C string: nothing after a NUL byte
  const nul = textIn.indexOf('\0');
  const text = nul < 0 ? textIn : textIn.slice(0, nul);
  let failed = false;
  let at = 0;
  try {
    while (at <= text.length) {
      let nl = text.indexOf('\n', at);
      if (nl < 0) nl = text.length;
      const raw = text.slice(at, nl);
      if (raw.length > 0) {
        const { line, error } = expandLine(raw, at, vars);
        if (error) p.error(error.message, error);
        if (line!.text.length >= MAX_LINE - 1) {
          // flow-tools warns and ends the file here, keeping what it read before
          p.warn(`ftvar_evalstr(): failed: the line is ${line!.text.length} characters long (at most ${MAX_LINE - 2}); flow-tools reads no further`, { start: at, end: nl });
          break;
        }
        p.line(line!);
      }
      at = nl + 1;
    }
  } catch (e) {
    if (!(e instanceof StopParse)) throw e;
    failed = true;
  }
  return { config: p.config, diagnostics: p.diagnostics, failed };
}
