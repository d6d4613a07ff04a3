import { describe, expect, it } from 'vitest';
import { str, truthy } from '../../../src/expr/perl-values.ts';
import { makeRecord, run, TCP_FLOW } from './helpers.ts';

// [expression, fields of the record (merged over TCP_FLOW), expected value as Perl would print it]
const CASES: Array<[string, Record<string, number>, string]> = [
  // precedence
  ['1 + 2 * 3', {}, '7'],
  ['(1 + 2) * 3', {}, '9'],
  ['2 ** 3 ** 2', {}, '512'],
  ['-2 ** 2', {}, '-4'],
  ['2 + 3 . 4', {}, '54'],
  ['1 . 2 + 3', {}, '15'],
  ['1 << 2 + 1', {}, '8'],
  ['6 & 3 == 3', {}, '0'],
  ['(6 & 3) == 2', {}, '1'],
  ['1 || 0 && 0', {}, '1'],
  ['0 || 2', {}, '2'],
  ['0 && 2', {}, '0'],
  ['"" || "x"', {}, 'x'],
  ['1 ? 2 : 3 ? 4 : 5', {}, '2'],
  ['0 ? 2 : 0 ? 4 : 5', {}, '5'],
  ['not 1 || 1', {}, ''],
  ['!1 || 1', {}, '1'],
  ['1 < 2 == 1', {}, '1'],
  ['10 - 2 - 3', {}, '5'],
  ['100 / 10 / 5', {}, '2'],
  ['7 % 3', {}, '1'],
  ['-7 % 3', {}, '2'],
  ['7 % -3', {}, '-2'],
  ['~0 & 0xff', {}, '255'],
  ['~0', {}, '18446744073709551615'],
  ['0xffffffff << 8', {}, '1099511627520'],
  ['1 << 64', {}, '0'],
  ['-1 & 0xf', {}, '15'],
  ['5 ^ 3 | 8', {}, '14'],
  ['0x1f + 017 + 0b11 + 1_000', {}, '1049'],
  ['1.5e3', {}, '1500'],
  ['0.1 + 0.2', {}, '0.3'],
  ['1 / 3', {}, '0.333333333333333'],
  ['1e21', {}, '1e+21'],
  ['0.00001', {}, '1e-05'],
  // numeric vs string comparison, Perl's rules
  ['"10" == 10.0', {}, '1'],
  ['"10" eq "10.0"', {}, ''],
  ['10.0 eq "10"', {}, '1'],
  ['"abc" lt "abd"', {}, '1'],
  ['"10" lt "9"', {}, '1'],
  ['10 < 9', {}, ''],
  ['$s = "3 apples"; $s + 2', {}, '5'],
  ['$s = "0x10"; $s + 0', {}, '0'],
  ['" 12 " == 12', {}, '1'],
  ['"1e3" == 1000', {}, '1'],
  ['2 <=> 10', {}, '-1'],
  ['"2" cmp "10"', {}, '1'],
  ['"0.0" ? 1 : 0', {}, '1'],
  ['"0" ? 1 : 0', {}, '0'],
  ['"00" ? 1 : 0', {}, '1'],
  ['"" ? 1 : 0', {}, '0'],
  ['$s = "a"; $s . 1 + 2', {}, '2'],
  ['-"foo"', {}, '-foo'],
  // flow variables in expressions
  ['6 ne $protocol', {}, ''],
  ['6 ne $protocol', { prot: 17 }, '1'],
  ['6 ne $protocol && 17 ne $protocol && 1 ne $protocol', { prot: 50 }, '1'],
  ['6 ne $protocol && 17 ne $protocol && 1 ne $protocol', { prot: 1 }, ''],
  ['0x0 ne $tos', {}, '1'],
  ['0x0 ne $tos', { tos: 0 }, ''],
  ['"192.168.255.1" eq $exporterip', {}, '1'],
  ['"192.168.88.134" eq $exporterip', {}, ''],
  ['($tcp_flags & 0x3f) == $TH_SYN', { tcp_flags: 2 }, '1'],
  ['$TH_SYN & $tcp_flags', { tcp_flags: 0x12 }, '2'],
  ['$srcaddr == ((0xffffffff << (32 - 16)) & $srcaddr)', { srcaddr: 0x0a010000 }, '1'],
  ['(0xffffffff << (32 - 16) & 0xffffffff) == (0xffff0000)', {}, '1'],
  ['$srcip =~ /^216\\.58\\./', {}, '1'],
  ['$srcip !~ /^216\\.58\\./', {}, ''],
  ['$srcip =~ /^(\\d+)\\.(\\d+)/ && $1 + $2', {}, '274'],
  ['$TCPFlags =~ /syn/i', {}, '1'],
  ['$dstport == 22 and $protocol == 6', {}, '1'],
  ['$bytes / $pkts', {}, '40'],
  ['$srcip . ":" . $srcport', {}, '216.58.198.14:64723'],
  ['"$srcip:$srcport"', {}, '216.58.198.14:64723'],
  ['sprintf("%-15.15s|%5u|%x|%05.1f", $dstip, $dstport, $tcp_flags, 3.14159)', {}, '10.1.0.1       |   22|1b|003.1'],
  ['sprintf("%hu", 70000)', {}, '4464'],
  ['length $srcip', {}, '13'],
  ['int(7 / 2) + abs(-3)', {}, '6'],
  ['uc "abc" . lc "DEF"', {}, 'ABCDEF'],
  ['uc("abc") . lc("DEF")', {}, 'ABCdef'],
  ['defined $src_as', {}, '1'],
  ['$ICMPType', {}, ''],
  ['defined $ICMPType', {}, ''],
  ['$ICMPType', { prot: 1, dstport: 0x0303 }, '3'],
];

describe('expression values (Perl semantics)', () => {
  for (const [expr, fields, want] of CASES) {
    it(`${expr} ${JSON.stringify(fields)} => ${JSON.stringify(want)}`, () => {
      const { value } = run(expr, makeRecord({ ...TCP_FLOW, ...fields }));
      expect(str(value)).toBe(want);
    });
  }

  it('v1 records: AS numbers, masks and engine fields are undef', () => {
    const v = makeRecord(TCP_FLOW, '1');
    expect(str(run('defined $src_as ? "def" : "undef"', v).value)).toBe('undef');
    expect(truthy(run('$src_as == 0 && $dst_mask eq ""', v).value)).toBe(true);
  });

  it('statements, user variables and print keep state across records', () => {
    const first = run('$n++; $sum += $bytes; $seen{$srcip}++; print "n=$n\\n" if $n > 0', makeRecord(TCP_FLOW));
    const second = run('$n++; $sum += $bytes; $seen{$srcip}++; print "n=$n\\n" if $n > 0', makeRecord(TCP_FLOW), first.state);
    expect(first.out).toBe('n=1\n');
    expect(str(second.state.v.sum)).toBe('400');
    expect(str(run('$seen{$dstip}++; scalar(keys %seen)', makeRecord(TCP_FLOW), second.state).value)).toBe('2');
  });

  it('postfix ++ of undef gives 0, magic string increment, //= and ||=', () => {
    expect(str(run('$x++').value)).toBe('0');
    expect(str(run('$s = "az"; $s++; $s').value)).toBe('ba');
    expect(str(run('$s = "Zz"; ++$s').value)).toBe('AAa');
    expect(str(run('$a //= 5; $a ||= 6; $a').value)).toBe('5');
    expect(str(run('$a = 0; $a ||= 6; $a .= "x"; $a').value)).toBe('6x');
  });

  it('printf formats like Perl', () => {
    const { out } = run('printf "%s %d %.2f %5s|%-5s|%03d %e %g %%\\n", "a", 3.9, 2.345, "r", "l", 7, 1234.5, 0.0001');
    expect(out).toBe('a 3 2.35     r|l    |007 1.234500e+03 0.0001 %\n');
  });

  it('division by zero dies like Perl', () => {
    expect(() => run('1 / ($protocol - 6)')).toThrow(/Illegal division by zero/);
    expect(() => run('1 % 0')).toThrow(/Illegal modulus zero/);
  });
});
