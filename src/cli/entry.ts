/**
 * Process entry for every executable in bin/: loads only the module of the tool being run (a
 * drop-in call on a small file must start fast) and hands it to runTool().
 */
import { runTool, type Main } from './runtime.ts';

const TOOLS: Record<string, () => Promise<Main>> = {
  'flow-print': async () => (await import('./flow-print.ts')).flowPrint,
  'flow-header': async () => (await import('./flow-header.ts')).flowHeader,
  'flow-cat': async () => (await import('./flow-cat.ts')).flowCat,
  'flow-merge': async () => (await import('./flow-merge.ts')).flowMerge,
  'flow-stat': async () => (await import('./flow-stat.ts')).flowStat,
  'flow-nfilter': async () => (await import('./flow-nfilter.ts')).flowNfilter,
  'flow-export': async () => (await import('./flow-export.ts')).flowExport,
  'flow-gen': async () => (await import('./flow-gen.ts')).flowGen,
  flowdumper: async () => (await import('./flowdumper.ts')).flowdumper,
  flowsift: async () => (await import('./flowsift.ts')).flowsift,
};

/** The main function of a tool (tests and the fuzz harness run tools in-process). */
export async function loadTool(tool: string): Promise<Main | undefined> {
  return TOOLS[tool]?.();
}

export async function start(tool: string): Promise<void> {
  const load = TOOLS[tool];
  if (!load) {
    process.stderr.write(`flowsift: unknown tool ${tool}\n`);
    process.exit(2);
  }
  await runTool(tool, await load());
}
