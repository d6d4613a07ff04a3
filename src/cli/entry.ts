/**
 * The tools by name, each loaded only when run: the executables' entry when they run the per-module
 * compile (dist/src/, see bin/launch.js; normally they load their own bundle, dist/bundle/TOOL.cjs,
 * built by scripts/build.mjs from the same list), and the way tests and the fuzz harness run tools
 * in-process.
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
  'flow-split': async () => (await import('./flow-split.ts')).flowSplit,
  'flow-send': async () => (await import('./flow-send.ts')).flowSend,
  'flow-import': async () => (await import('./flow-import.ts')).flowImport,
  'flow-tag': async () => (await import('./flow-tag.ts')).flowTag,
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
