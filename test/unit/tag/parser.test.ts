// tag.cfg as fttag_load() reads it: every keyword, every error flow-tools stops on (with its words
// and, here, its line and column), the warnings for what flow-tools reads other than as written,
// and the interface lists of input-filter/output-filter (load_lookup()).
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../../src/filter/errors.ts';
import { loadIndexList, strtolUnsigned } from '../../../src/tag/index-list.ts';
import { parseTagConfig } from '../../../src/tag/parser.ts';
import { OR_DST, OR_SRC, prefixKey, SET_DST, SET_SRC, type TagConfig } from '../../../src/tag/types.ts';

const hosts = (name: string): number | undefined => (name === 'router1' ? 0x0a000001 : undefined);

function parse(text: string, vars: Record<string, string> = {}): { config: TagConfig; failed: boolean; notes: string[] } {
  const r = parseTagConfig(text, { vars: new Map(Object.entries(vars)), hosts });
  const index = new LineIndex(text);
  const notes = r.diagnostics.map((d) => {
    const { line, col } = index.pos(d.start);
    return `${line}:${col}: ${d.severity}: ${d.message}`;
  });
  return { config: r.config, failed: r.failed, notes };
}

/** The one error of a config, as "line:col: message". */
function error(text: string, vars: Record<string, string> = {}): string {
  const r = parse(text, vars);
  expect(r.failed).toBe(true);
  const e = r.notes.filter((n) => n.includes(': error: '));
  expect(e).toHaveLength(1);
  return e[0]!.replace(': error: ', ': ');
}

const action = (type: string, ...lines: string[]): string => `tag-action A\n type ${type}\n${lines.map((l) => ` ${l}\n`).join('')}`;

describe('tag.cfg keywords', () => {
  it('reads actions, definitions, terms and their parts, keywords and names in any case', () => {
    const r = parse([
      '# a comment line, and blank lines below',
      '',
      '   ',
      'TAG-ACTION nets',
      '\tType Source-Prefix',
      '  MATCH 10.0.0.0/8 SET-SOURCE 0x10',
      '  match 10.1/16 set-src 020',
      '  match 192.168.0.0/16 or-destination 7',
      '  match 192.168.0.0/16 or-dst 8',
      'tag-definition Main',
      ' term',
      '  input-filter 1,3-5',
      '  output-filter !2',
      '  exporter 10.0.0.1',
      '  action NETS',
      ' Term',
      '  action nets',
    ].join('\n'));
    expect(r.notes).toEqual([]);
    expect(r.failed).toBe(false);
    const [a] = r.config.actions;
    expect(a!.name).toBe('nets');
    expect(a!.type).toBe('src-prefix');
    expect([...a!.entries]).toEqual([
      [prefixKey(0x0a000000, 8), { flags: SET_SRC, src: 0x10, dst: 0 }],
      // "020" is octal, as strtoul(s, 0, 0) reads it
      [prefixKey(0x0a010000, 16), { flags: SET_SRC, src: 16, dst: 0 }],
      // two ORs on one key and side add up
      [prefixKey(0xc0a80000, 16), { flags: OR_DST, src: 0, dst: 15 }],
    ]);
    const [d] = r.config.definitions;
    expect(d!.name).toBe('Main');
    expect(d!.terms).toHaveLength(2);
    const [t1, t2] = d!.terms;
    expect([...t1!.input!.keys()].filter((i) => t1!.input![i])).toEqual([1, 3, 4, 5]);
    expect(t1!.output![2]).toBe(0);
    expect(t1!.output![1]).toBe(1);
    expect(t1!.output![65535]).toBe(1);
    expect(t1!.exporter).toBe(0x0a000001);
    expect(t1!.actions.map((x) => x.name)).toEqual(['NETS']);
    expect(t2!.input).toBeUndefined();
    expect(t2!.exporter).toBeUndefined();
    expect(t2!.actions.map((x) => x.name)).toEqual(['nets']);
  });

  it('takes every type word fttag.c takes, long and short', () => {
    const words: Record<string, string> = {
      'src-prefix': 'src-prefix', 'source-prefix': 'src-prefix', 'dst-prefix': 'dst-prefix', 'destination-prefix': 'dst-prefix',
      'prefix': 'prefix', 'next-hop': 'next-hop', 'src-as': 'src-as', 'source-as': 'src-as', 'dst-as': 'dst-as',
      'destination-as': 'dst-as', 'as': 'as', 'tcp-src-port': 'tcp-src-port', 'tcp-source-port': 'tcp-src-port',
      'tcp-dst-port': 'tcp-dst-port', 'tcp-destination-port': 'tcp-dst-port', 'tcp-port': 'tcp-port',
      'udp-src-port': 'udp-src-port', 'udp-source-port': 'udp-src-port', 'udp-dst-port': 'udp-dst-port',
      'udp-destination-port': 'udp-dst-port', 'udp-port': 'udp-port', 'tos': 'tos', 'any': 'any', 'src-ip': 'src-ip',
      'source-ip-address': 'src-ip', 'dst-ip': 'dst-ip', 'destination-ip-address': 'dst-ip', 'ip': 'ip',
      'exporter': 'exporter', 'input-interface': 'input-interface', 'output-interface': 'output-interface', 'interface': 'interface',
    };
    for (const [word, type] of Object.entries(words)) {
      const r = parse(action(word.toUpperCase()));
      expect(r.notes, word).toEqual([]);
      expect(r.config.actions[0]!.type, word).toBe(type);
    }
  });

  it('reads each match key by its type: atoi() into 16 or 8 bits, addresses, prefixes, "any"', () => {
    const key = (type: string, word: string): number[] => [...parse(action(type, `match ${word} set-dst 1`)).config.actions[0]!.entries.keys()];
    expect(key('as', '65000')).toEqual([65000]);
    expect(key('tcp-port', '443')).toEqual([443]);
    expect(key('interface', '7')).toEqual([7]);
    expect(key('tos', '0x10')).toEqual([0]); // atoi: decimal only
    expect(key('tos', '300')).toEqual([44]); // a u_int8
    expect(key('as', '70000')).toEqual([4464]); // a u_int16
    expect(key('next-hop', '10.1.2.3')).toEqual([0x0a010203]);
    expect(key('exporter', '10.1')).toEqual([0x0a010000]);
    expect(key('ip', 'router1')).toEqual([0x0a000001]);
    expect(key('prefix', '128.146/16')).toEqual([prefixKey(0x80920000, 16)]);
    expect(key('prefix', '0/0')).toEqual([prefixKey(0, 0)]);
    expect(key('prefix', '10.0.0.0')).toEqual([prefixKey(0x0a000000, 8)]); // classful without "/"
    expect(key('prefix', '10.1.2.3/40')).toEqual([prefixKey(0x0a010203, 32)]); // longer lengths are 32
    expect(key('any', 'ANY')).toEqual([0]);
  });

  it('allows a set and ORs on different sides of one key, and ORs after ORs', () => {
    const r = parse(action('as', 'match 1 set-src 1', 'match 1 set-dst 2', 'match 2 or-src 1', 'match 2 or-src 6', 'match 2 or-dst 8'));
    expect(r.notes).toEqual([]);
    expect(r.config.actions[0]!.entries.get(1)).toEqual({ flags: SET_SRC | SET_DST, src: 1, dst: 2 });
    expect(r.config.actions[0]!.entries.get(2)).toEqual({ flags: OR_SRC | OR_DST, src: 7, dst: 8 });
  });

  it('reads tag values as strtoul(s, 0, 0) into 32 bits', () => {
    const tag = (w: string): number => parse(action('any', `match any set-src ${w}`)).config.actions[0]!.entries.get(0)!.src;
    expect([tag('0x00FF0000'), tag('010'), tag('4294967297'), tag('-1'), tag('99999999999999999999')]).toEqual([0xff0000, 8, 1, 0xffffffff, 0xffffffff]);
  });

  it('substitutes variables first (@VAR, @{VAR:-default})', () => {
    const text = 'tag-action A\n type @{T:-as}\n match @N set-src @{V:-5}\n';
    expect(parse(text, { N: '100' }).config.actions[0]!.entries.get(100)).toEqual({ flags: SET_SRC, src: 5, dst: 0 });
    expect(parse(text, { T: 'tos', N: '3', V: '9' }).config.actions[0]).toMatchObject({ type: 'tos', entries: new Map([[3, { flags: SET_SRC, src: 9, dst: 0 }]]) });
  });
});

describe('tag.cfg errors: the first one stops the load, with flow-tools\' words', () => {
  it('a word not a keyword of its section', () => {
    expect(error('tag-action A\n type as\n bogus 1\n')).toBe('3:2: Unexpected "bogus".');
    expect(error('term\n')).toBe('1:1: Unexpected "term". ("term" belongs in a tag-definition)');
    expect(error('tag-definition D\n type as\n')).toBe('2:2: Unexpected "type". ("type" belongs in a tag-action)');
    expect(error('tag-action A\n term\n')).toBe('2:2: Unexpected "term". ("term" belongs in a tag-definition)');
    expect(error('tag-definition D\r\nterm\r\n')).toBe('2:1: Unexpected "term\r". (the line ends in a carriage return: a DOS text file?)');
    expect(error('tag-action A extra\n')).toBe('1:14: Unexpected "extra".');
    expect(error('tag-definition D\n term now\n')).toBe('2:7: Unexpected "now".');
    expect(error(action('as', 'match 1 set-src 1 # no comments after words'))).toBe('3:20: Unexpected "#".');
  });

  it('tag-action and tag-definition', () => {
    expect(error('tag-action\n')).toBe('1:11: Expecting name.');
    expect(error('tag-action A\ntag-action a\n')).toBe('2:12: Name (a) previously defined.');
    expect(error('tag-definition\n')).toBe('1:15: Expecting name.');
    expect(error('tag-definition D\ntag-definition d\n')).toBe('2:16: Name (d) previously defined.');
    // actions and definitions have names of their own
    expect(parse('tag-action X\ntag-definition X\n').failed).toBe(false);
  });

  it('type', () => {
    expect(error('tag-action A\n type\n')).toBe('2:6: Expecting type.');
    expect(error('tag-action A\n type as\n type tos\n')).toBe('3:7: Type previously defined.');
    expect(error('tag-action A\n type asn\n')).toBe('2:7: Unrecognized type.');
    expect(error('tag-action A\n type ip-address\n')).toBe('2:7: Unrecognized type. (the type of source or destination address is "ip")');
  });

  it('match', () => {
    expect(error('tag-action A\n match 1 set-src 1\n')).toBe('2:2: Must set type first.');
    expect(error(action('as', 'match'))).toBe('3:7: Expecting match data.');
    expect(error(action('as', 'match 1'))).toBe('3:9: Expecting [set|or]-[source|destination].');
    expect(error(action('as', 'match 1 assign-src 4'))).toBe('3:10: Expecting [set|or]-[source|destination].');
    expect(error(action('as', 'match 1 set-src'))).toBe('3:17: Expecting set data.');
    expect(error(action('any', 'match all set-src 1'))).toBe('3:8: Match must be any.');
  });

  it('one set, or ORs, per key and side', () => {
    const dup = 'Only one set per source/destination per match.';
    expect(error(action('as', 'match 1 set-src 1', 'match 1 set-src 2'))).toBe(`4:8: ${dup}`);
    expect(error(action('tos', 'match 1 set-dst 1', 'match 1 or-dst 2'))).toBe(`4:8: ${dup}`);
    expect(error(action('prefix', 'match 10/8 or-src 1', 'match 10.0.0.0/8 set-src 2'))).toBe(`4:8: ${dup}`);
    expect(error(action('next-hop', 'match 1.2.3.4 set-dst 1', 'match 1.2.3.4 set-destination 2'))).toBe(`4:8: ${dup}`);
    expect(error(action('any', 'match any set-src 1', 'match any set-src 2'))).toBe(`4:8: ${dup}`);
    // another length is another prefix
    expect(parse(action('prefix', 'match 10/8 set-src 1', 'match 10/16 set-src 2')).failed).toBe(false);
  });

  it('term, and what belongs to a term', () => {
    expect(error('tag-definition D\n action A\n')).toBe('2:2: Must start term.');
    expect(error('tag-definition D\n input-filter 1\n')).toBe('2:2: Must start term.');
    expect(error('tag-definition D\n term\n exporter\n')).toBe('3:10: Expecting exporter.');
    expect(error('tag-definition D\n term\n input-filter\n')).toBe('3:14: Expecting filter list.');
    expect(error('tag-definition D\n term\n output-filter\n')).toBe('3:15: Expecting filter list.');
    expect(error('tag-definition D\n term\n action\n')).toBe('3:8: Expecting action.');
    expect(error('tag-definition D\n term\n exporter 1.1.1.1\n exporter 2.2.2.2\n')).toBe('4:11: Exporter previously defined.');
    expect(error('tag-definition D\n term\n input-filter 1\n input-filter 2\n')).toBe('4:15: Input filter previously defined.');
    expect(error('tag-definition D\n term\n output-filter 1\n output-filter 2\n')).toBe('4:16: Output filter previously defined.');
    expect(error('tag-definition D\n term\n input-filter 1,70000\n')).toBe('3:17: load_lookup(): failed: 70000 is out of range (interface indexes are 0-65535)');
    expect(error('tag-definition D\n term\n output-filter 5--1\n')).toBe('3:18: load_lookup(): failed: 4294967295 is out of range (interface indexes are 0-65535)');
  });

  it('variables: a malformed reference', () => {
    expect(error('tag-action @{NAME\n')).toMatch(/^1:12: ftvar: \{NAME: Missing \}/);
  });
});

describe('tag.cfg: what flow-tools reads other than as written', () => {
  it('a term line after a new tag-definition, before its first term, goes to the last term', () => {
    const r = parse('tag-definition A\n term\n  action X\ntag-definition B\n  action Y\n');
    expect(r.failed).toBe(false);
    expect(r.notes).toEqual(['5:3: warning: "action" before the first term of tag-definition "B": flow-tools adds it to the last term of tag-definition "A"']);
    expect(r.config.definitions[0]!.terms[0]!.actions.map((a) => a.name)).toEqual(['X', 'Y']);
    expect(r.config.definitions[1]!.terms).toEqual([]);
  });

  it('words read in part: numbers, tag values, addresses, prefixes with host bits', () => {
    expect(parse(action('as', 'match 80x set-src 1')).notes).toEqual(['3:8: warning: "80x" is not a number 0-65535: flow-tools reads it as 80']);
    expect(parse(action('tos', 'match 256 set-src 1')).notes).toEqual(['3:8: warning: "256" is not a number 0-255: flow-tools reads it as 0']);
    expect(parse(action('as', 'match 1 set-src 0x1g')).notes).toEqual(['3:18: warning: "0x1g" is not a number: flow-tools reads it as 0x00000001']);
    expect(parse(action('ip', 'match 10.1.2.300 set-src 1')).notes).toEqual(['3:8: warning: "10.1.2.300" is not an IPv4 address: flow-tools reads it as 10.1.2.44']);
    expect(parse(action('ip', 'match router1 set-src 1')).notes).toEqual(['3:8: warning: "router1" is a host name: 10.0.0.1 (from /etc/hosts; flow-tools asks the resolver)']);
    expect(parse('tag-definition D\n term\n  exporter 1.2.3.999\n').notes).toEqual(['3:12: warning: "1.2.3.999" is not an IPv4 address: flow-tools reads it as 1.2.3.231']);
    const r = parse(action('prefix', 'match 10.1.2.3/8 set-src 1'));
    expect(r.notes).toEqual(['3:8: warning: host bits set in "10.1.2.3/8": the prefix is 10.0.0.0/8']);
    expect([...r.config.actions[0]!.entries.keys()]).toEqual([prefixKey(0x0a000000, 8)]);
  });

  it('a line of 1023 characters or more: ftvar_evalstr() fails and flow-tools reads no further', () => {
    const long = `# ${'x'.repeat(1021)}`;
    const r = parse(`tag-action A\n type as\n${long}\ntag-action B\n`);
    expect(r.failed).toBe(false);
    expect(r.notes).toEqual(['3:1: warning: ftvar_evalstr(): failed: the line is 1023 characters long (at most 1022); flow-tools reads no further']);
    expect(r.config.actions.map((a) => a.name)).toEqual(['A']);
    // 1022 is still a line; a variable can make one long
    expect(parse(`# ${'x'.repeat(1020)}\ntag-action B\n`).config.actions).toHaveLength(1);
    expect(parse('tag-action @V\ntag-action B\n', { V: 'v'.repeat(1100) }).config.actions).toHaveLength(0);
  });

  it('nothing after a NUL byte (the file is read as a C string)', () => {
    expect(parse('tag-action A\n\0tag-action B\n').config.actions.map((a) => a.name)).toEqual(['A']);
  });
});

describe('interface lists (load_lookup)', () => {
  const on = (word: string, size = 16): number[] => {
    const r = loadIndexList(word, size);
    return r.table ? [...r.table.keys()].filter((i) => r.table![i]) : [-1];
  };

  it('lists, ranges, "!", C numbers, and flow-tools\' leniency', () => {
    expect(on('1,5-7,9')).toEqual([1, 5, 6, 7, 9]);
    expect(on('!1,5-7')).toEqual([0, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(on('!')).toEqual([...Array(16).keys()]);
    expect(on('0x3,010')).toEqual([3, 8]);
    expect(on('7-3')).toEqual([7]); // a range running backwards is its first index
    expect(on(',4')).toEqual([0, 4]); // an empty item reads as 0
    expect(on('2x,4')).toEqual([2, 4]); // the rest of an item is skipped
    expect(on('3-')).toEqual([3]); // an empty end reads as 0
    expect(on('16')).toEqual([-1]);
    expect(on('-1')).toEqual([-1]);
    expect(loadIndexList('1,2,99', 16).error).toEqual({ message: 'load_lookup(): failed: 99 is out of range (interface indexes are 0-15)', at: 4, length: 2 });
  });

  it('strtol(s, 0, 0) cast to unsigned: sign, saturation, low 32 bits', () => {
    expect(strtolUnsigned('12abc')).toEqual({ value: 12, used: 2 });
    expect(strtolUnsigned('-1').value).toBe(0xffffffff);
    expect(strtolUnsigned('4294967297').value).toBe(1);
    expect(strtolUnsigned('99999999999999999999').value).toBe(0xffffffff); // LONG_MAX
    expect(strtolUnsigned('-99999999999999999999').value).toBe(0); // LONG_MIN
    expect(strtolUnsigned('0x').value).toBe(0);
    expect(strtolUnsigned('x1')).toEqual({ value: 0, used: 0 });
  });
});
