// Every kind of config mistake: its code, severity and position; all of them, not only the first.
import { describe, expect, it } from 'vitest';
import { codes, compile, rec } from './helpers.ts';
import { loadFilterText, formatDiagnostics } from '../../../src/filter/load.ts';
import { nfilterSelection, SelectionError } from '../../../src/filter/selection.ts';

const P = (type: string, ...lines: string[]): string => `filter-primitive p\n  type ${type}\n${lines.map((l) => `  ${l}\n`).join('')}`;

describe('errors: codes and positions', () => {
  const cases: Array<[string, string, Array<[code: string, line: number, col: number]>]> = [
    ['unknown keyword', 'bogus x\n', [['UNKNOWN_KEYWORD', 1, 1]]],
    ['keyword outside its block', 'type ip-port\n', [['UNKNOWN_KEYWORD', 1, 1]]],
    ['match in a primitive', `${P('ip-port', 'permit 80')}  match ip-port p\n`, [['UNKNOWN_KEYWORD', 4, 3]]],
    ['missing name', 'filter-primitive\n', [['MISSING_NAME', 1, 17]]],
    ['unknown type', 'filter-primitive p\n  type ip-ports\n', [['UNKNOWN_TYPE', 2, 8]]],
    ['type twice', 'filter-primitive p\n  type ip-port\n  type as\n', [['TYPE_REDEFINED', 3, 8]]],
    ['permit before type', 'filter-primitive p\n  permit 80\n', [['TYPE_NOT_SET', 2, 3]]],
    ['value out of range', P('ip-port', 'permit 80,70000'), [['VALUE_OUT_OF_RANGE', 3, 13]]],
    ['protocol out of range', P('ip-protocol', 'permit 256'), [['VALUE_OUT_OF_RANGE', 3, 10]]],
    ['prefix length out of range', P('ip-address-prefix-len', 'permit 33'), [['VALUE_OUT_OF_RANGE', 3, 10]]],
    ['unknown symbol', P('ip-port', 'permit 80,nosuchport'), [['UNKNOWN_SYMBOL', 3, 13]]],
    ['symbol where only numbers go', P('ip-tos', 'permit low'), [['UNKNOWN_SYMBOL', 3, 10]]],
    ['trailing word', P('ip-port', 'permit 80 # web'), [['UNEXPECTED_WORD', 3, 13]]],
    ['missing permit data', P('ip-port', 'permit'), [['MISSING_ARGUMENT', 3, 9]]],
    ['missing mask', P('ip-address-mask', 'permit 10.0.0.0'), [['MISSING_ARGUMENT', 3, 18]]],
    ['bad operator', P('counter', 'permit gte 10'), [['BAD_OPERATOR', 3, 10]]],
    ['bad time', P('time', 'permit gt 1:2:3:4'), [['BAD_TIME', 3, 13]]],
    ['bad date', P('time-date', 'permit gt the day after'), [['BAD_DATE', 3, 13]]],
    ['missing date', P('time-date', 'permit gt'), [['MISSING_ARGUMENT', 3, 12]]],
    ['rate zero', P('rate', 'permit 0'), [['RATE_ZERO', 3, 10]]],
    ['mask on a port', P('ip-port', 'mask 0xff'), [['MASK_NOT_SUPPORTED', 3, 3]]],
    ['bad default', P('ip-port', 'default allow'), [['BAD_DEFAULT', 3, 11]]],
    ['duplicate primitive (any case)', `${P('ip-port')}filter-primitive P\n`, [['DUPLICATE_PRIMITIVE', 3, 18]]],
    ['duplicate definition', 'filter-definition d\nfilter-definition D\n', [['DUPLICATE_DEFINITION', 2, 19]]],
    ['unknown primitive in a match', 'filter-definition d\n  match ip-protocol tcp\n', [['UNKNOWN_PRIMITIVE', 2, 21]]],
    ['unknown match type', `${P('ip-port', 'permit 80')}filter-definition d\n  match ip-port p\n`, [['UNKNOWN_MATCH', 5, 9]]],
    ['type mismatch', `${P('ip-port', 'permit 80')}filter-definition d\n  match ip-protocol p\n`, [['TYPE_MISMATCH', 5, 9]]],
    ['primitive without type in a match', 'filter-primitive p\nfilter-definition d\n  match ip-protocol p\n', [['TYPE_MISMATCH', 3, 9]]],
    ['match without primitive', 'filter-definition d\n  match ip-protocol\n', [['MISSING_ARGUMENT', 2, 20]]],
    ['variable without -', P('ip-port', 'permit @{PORT:80}'), [['VAR_SYNTAX', 3, 10]]],
    ['variable without }', P('ip-port', 'permit @{PORT:-80'), [['VAR_SYNTAX', 3, 10]]],
    ['rate never set', `${P('rate')}filter-definition d\n  match random-sample p\n`, [['RATE_UNSET', 4, 23]]],
  ];
  for (const [what, cfg, want] of cases) {
    it(what, () => {
      const got = codes(cfg).filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.col]);
      expect(got).toEqual(want);
    });
  }

  it('reports every error in the file, in order', () => {
    const cfg = 'filter-primitive a\n  type ip-port\n  permit 99999\nbogus\nfilter-primitive a\nfilter-definition d\n  match ip-port nope\n  match src-ip-port a\n';
    expect(codes(cfg).map((d) => [d.code, d.line])).toEqual([
      ['VALUE_OUT_OF_RANGE', 3], ['UNKNOWN_KEYWORD', 4], ['DUPLICATE_PRIMITIVE', 5], ['UNKNOWN_MATCH', 7], ['UNKNOWN_PRIMITIVE', 7],
    ]);
  });

  it('renders file:line:column, the line and a caret under the word', () => {
    const f = loadFilterText('filter-primitive p\n\ttype ip-port\n\tpermit 80,http,99999\n', 'my.cfg');
    expect(formatDiagnostics(f, (d) => d.severity === 'error')).toBe(
      'my.cfg:3:17: error: value out of range: 99999 (ip-port takes 0-65535)\n'
      + '    \tpermit 80,http,99999\n'
      + '    \t               ^^^^^\n',
    );
  });

  it('positions inside substituted variables point at the reference', () => {
    const cfg = P('ip-port', 'permit @{PORT:-99999}');
    expect(codes(cfg).map((d) => [d.code, d.line, d.col, d.end])).toEqual([['VALUE_OUT_OF_RANGE', 3, 10, 24]]);
  });
});

describe('mistakes flow-tools reads silently', () => {
  it('a prefix in an ip-address primitive: one host, flagged, flow-tools result kept', () => {
    const cfg = `${P('ip-address', 'permit 192.168.88.0/24')}filter-definition d\n  match dst-ip-addr p\n`;
    expect(codes(cfg).map((d) => [d.code, d.severity, d.line, d.col])).toEqual([['PREFIX_IN_ADDRESS', 'mistake', 3, 10]]);
    const p = compile(cfg, 'd');
    expect(p(rec({ dstaddr: 0xc0a858b4 }))).toBe(true); // 192.168.88.180
    expect(p(rec({ dstaddr: 0xc0a85801 }))).toBe(false);
  });

  const cases: Array<[string, string, string]> = [
    ['number with junk', P('ip-port', 'permit 80x'), 'NOT_A_NUMBER'],
    ['empty list item', P('ip-port', 'permit 80,,90'), 'EMPTY_LIST_ITEM'],
    ['address with a 300', P('ip-address', 'permit 10.1.0.300'), 'NOT_AN_ADDRESS'],
    ['mask entry that never matches', P('ip-address-mask', 'permit 10.1.0.8 255.255.255.0'), 'MASK_NEVER_MATCHES'],
    ['prefix length over 32', P('ip-address-prefix', 'permit 10.0.0.0/40'), 'PREFIX_LEN_TOO_LONG'],
    ['an unknown host name', P('ip-address', 'permit no-such-host.invalid'), 'HOSTNAME'],
    ['counter on start-time', `${P('counter', 'permit gt 5')}filter-definition d\n  match start-time p\n`, 'COUNTER_START_TIME'],
  ];
  for (const [what, cfg, code] of cases) {
    it(what, () => {
      expect(codes(cfg).filter((d) => d.severity === 'mistake').map((d) => d.code)).toEqual([code]);
    });
  }

  it('flow-tools warnings: duplicate entries', () => {
    expect(codes(P('ip-address', 'permit 1.2.3.4', 'deny 1.2.3.4')).map((d) => [d.code, d.severity, d.line])).toEqual([['DUPLICATE_ENTRY', 'warning', 4]]);
    expect(codes(P('ip-port', 'permit 80', 'permit 0-1023', 'deny 443')).map((d) => [d.code, d.line, d.col])).toEqual([['DUPLICATE_ENTRY', 4, 10], ['DUPLICATE_ENTRY', 5, 8]]);
  });
});

describe('variables', () => {
  const cfg = `${P('ip-port', 'permit @{PORT:-80}')}filter-primitive q\n  type ip-port\n  permit @QPORT\nfilter-definition d\n  match dst-ip-port @{PRIM:-p}\n`;
  it('defaults, -v bindings, plain @VAR', () => {
    const v = { QPORT: '443' };
    expect(compile(cfg, 'd', '5', { vars: v })(rec({ dstport: 80 }))).toBe(true);
    expect(compile(cfg, 'd', '5', { vars: { ...v, PORT: '22' } })(rec({ dstport: 22 }))).toBe(true);
    expect(compile(cfg, 'd', '5', { vars: { ...v, PRIM: 'q' } })(rec({ dstport: 443 }))).toBe(true);
    // an unset @QPORT is empty: "permit" alone is an error, whichever definition is used
    expect(codes(cfg).map((d) => [d.code, d.line])).toEqual([['MISSING_ARGUMENT', 6]]);
  });
});

describe('selection (flowsift --filter-file/--filter)', () => {
  it('missing definition and config errors are SelectionErrors with status 1', () => {
    const warn: string[] = [];
    const path = new URL('../../fixtures/filter/seed-filter.cfg', import.meta.url).pathname;
    expect(() => nfilterSelection({ filterFile: path, filter: 'nope' }, (t) => warn.push(t))).toThrow(SelectionError);
    const spec = nfilterSelection({ filterFile: path, filter: 'INBOUNDMAIL', var: ['X=1'], seed: '5' }, (t) => warn.push(t));
    expect(spec).toMatchObject({ kind: 'nfilter', definition: 'inboundmail', vars: { X: '1' }, seed: 5 });
    // the seed config's ip-address prefix is reported as a mistake
    expect(warn.join('')).toMatch(/seed-filter\.cfg:24:10: mistake: "192\.168\.88\.0\/24" is not a prefix/);
    expect(() => nfilterSelection({ filter: 'x' }, () => undefined)).toThrow(/--filter-file/);
    try {
      nfilterSelection({ filterFile: '/nonexistent/filter.cfg' }, () => undefined);
    } catch (e) {
      expect(e).toBeInstanceOf(SelectionError);
      expect((e as SelectionError).status).toBe(1);
    }
  });
});
