/**
 * Options that take one value refuse a second one. commander keeps the last value it reads, so
 * `--where A --where B` would filter on B alone and `stat -f 5 -f 10` would print report 10 alone,
 * with no word said: an answer to a different question. Repeatable options (those whose parser
 * collects, such as --var and --where) are left alone, and so are flags.
 */
import type { Command, Option } from 'commander';
import { ExitError } from '../runtime.ts';

/** The option's name as the user sees it: "-f/--format", "--where". */
function shown(o: Option): string {
  return o.short && o.long ? `${o.short}/${o.long}` : (o.long ?? o.short ?? o.name());
}

/** Make every single-valued option of `cmd` (not in `repeatable`) an error when given twice. */
export function onceOnly(cmd: Command, repeatable: readonly string[] = []): Command {
  const given = new Map<string, string[]>();
  for (const o of cmd.options) {
    // flags (no value) may repeat harmlessly; a value list is collected on purpose
    if (!(o.required || o.optional) || o.variadic || repeatable.includes(o.attributeName())) continue;
    cmd.on(`option:${o.name()}`, (v: string) => {
      const vs = given.get(o.name()) ?? [];
      vs.push(v);
      given.set(o.name(), vs);
    });
  }
  cmd.hook('preAction', () => {
    for (const o of cmd.options) {
      const vs = given.get(o.name());
      if (vs && vs.length > 1) {
        throw new ExitError(2, `${shown(o)} given ${vs.length} times (${vs.map((v) => `"${v}"`).join(', ')}): it takes one value`);
      }
    }
  });
  return cmd;
}
