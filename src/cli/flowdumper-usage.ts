/** flowdumper's usage text (printed on stderr for -h and for option mistakes). */
export const USAGE = `usage: flowdumper [-h] [-v] [-s|S|r] [-a|n] [[-I expr] -e expr [-E expr]] [-c] [-o output_file] [flow_file ...]
  -h        this help
  -a        print every flow (the default when there is no -e)
  -e expr   print the flows for which expr is true, e.g. -e '6 == $protocol && 80 == $dstport'
  -I expr   run expr once before the first flow (set up variables)
  -E expr   run expr once after the last flow (print totals)
  -n        print no flows; the expressions do their own printing
  -c        print "matched N of M flows" on stderr at the end
  -s        one line per flow ("-> " form, ICMP type names, TCP flag names)
  -S        one line per flow, the old form without ICMP or TCP flag names
  -r        write the matching flows as raw cflowd records
  -o file   write to file instead of stdout; a %s in the name is replaced by the input's basename
  -v, -V    report damaged input and skipped files on stderr
  -p, -B, -R  not supported (they need Perl modules or writable flow variables)
Expressions use Cflow's variables ($srcip, $dstport, $protocol, $tcp_flags, $bytes, $localtime ...)
and Perl operators (== != < >, eq ne lt gt, && || !, and or not, & | ^ ~ << >>, + - * / % ., ?:, =~).
With no files, standard input is read.
`;
