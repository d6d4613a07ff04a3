/**
 * `flowsift check-filter FILE [--dump]`: parse and check a filter.cfg, print every error, mistake
 * and warning with its position, and with --dump show what each definition compiles to (the plan
 * per match line and the generated predicate). Exit 1 on errors or mistakes, 0 otherwise.
 */
import { Option, type Command } from 'commander';
import { LAYOUTS } from '../../format/layouts.ts';
import { generateDefinition, missingFields } from '../../filter/compile.ts';
import { formatDiagnostics, loadFilterFile } from '../../filter/load.ts';
import { parseVarBindings, SelectionError } from '../../filter/selection.ts';
import type { Register } from './index.ts';
import { EXIT } from './session.ts';

interface CheckOptions { dump?: boolean; var?: string[]; layout: string; definition?: string; seed?: string }

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export const registerCheckFilter: Register = (program: Command, io, setStatus) => {
  program.command('check-filter')
    .description('check a flow-nfilter filter.cfg: every error and mistake with its position; --dump shows the compiled definitions')
    .argument('<file>', 'the filter.cfg')
    .option('--dump', 'print what each definition compiles to')
    .option('-v, --var <VAR=value>', 'set a variable (@VAR, @{VAR:-default}); repeatable', collect)
    .option('-F, --definition <name>', 'dump only this definition')
    .option('--seed <n>', 'random-sample seed to compile with')
    .addOption(new Option('--layout <version>', 'record version to compile for').choices([...LAYOUTS.keys()]).default('5'))
    .action((file: string, opts: CheckOptions) => {
      let vars: Record<string, string>;
      try {
        vars = parseVarBindings(opts.var);
      } catch (e) {
        if (!(e instanceof SelectionError)) throw e;
        io.err(`flowsift: ${e.message}\n`);
        setStatus(EXIT.USAGE);
        return;
      }
      const loaded = loadFilterFile(file, { vars });
      io.err(formatDiagnostics(loaded));
      const warnings = loaded.diagnostics.length - loaded.errors - loaded.mistakes;
      const { primitives, definitions } = loaded.validated.config;
      io.err(`${file}: ${primitives.length} primitives, ${definitions.length} definitions; `
        + `${loaded.errors} errors, ${loaded.mistakes} mistakes, ${warnings} warnings\n`);
      if (opts.dump && !loaded.errors) {
        const layout = LAYOUTS.get(opts.layout)!;
        const seed = opts.seed === undefined ? undefined : Number(opts.seed) >>> 0;
        for (const def of loaded.validated.definitions.values()) {
          if (opts.definition !== undefined && def.name.toLowerCase() !== opts.definition.toLowerCase()) continue;
          io.out.write(`filter-definition ${def.name}${def.invert ? ' (inverted)' : ''}\n`);
          io.out.write(`  reads: ${def.fields.join(' ') || 'no fields'}\n`);
          const missing = missingFields(def, layout);
          if (missing.length) {
            io.out.write(`  v${layout.id} flows lack ${missing.join(', ')}: "Filter references a field not in flow."\n\n`);
            continue;
          }
          const g = generateDefinition(def, layout, { seed });
          if (g.plan.length === 0) io.out.write(`  no match lines: ${def.invert ? 'every flow passes' : 'no flow passes'}\n`);
          g.plan.forEach((group, i) => {
            io.out.write(`  ${i === 0 ? 'group' : 'or group'} ${i + 1}:\n`);
            for (const line of group) io.out.write(`    ${line}\n`);
          });
          io.out.write(`  compiled for v${layout.id}:\n${g.source.split('\n').map((l) => `    ${l}`).join('\n')}\n\n`);
        }
      }
      setStatus(loaded.errors || loaded.mistakes ? EXIT.ERROR : EXIT.OK);
    });
};
