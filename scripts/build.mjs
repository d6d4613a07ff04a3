#!/usr/bin/env node
// Build: type-check and compile with tsc (dist/src, dist/workers), then bundle each executable and
// the scan worker with esbuild (dist/bundle/TOOL.js, dist/bundle/scan-worker.js): one file to load
// instead of ~60 modules makes a drop-in call on a small file start in a fraction of the time.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });

const esbuild = await import('esbuild');
rmSync(path.join(root, 'dist/bundle'), { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // piscina starts its workers from its own package files: keep it a real package import
  external: ['piscina'],
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};
// the executables: module under src/cli/ and the main function it exports (as in src/cli/entry.ts)
const TOOL_MODULES = {
  'flow-print': ['flow-print.ts', 'flowPrint'], 'flow-header': ['flow-header.ts', 'flowHeader'],
  'flow-cat': ['flow-cat.ts', 'flowCat'], 'flow-merge': ['flow-merge.ts', 'flowMerge'],
  'flow-stat': ['flow-stat.ts', 'flowStat'], 'flow-nfilter': ['flow-nfilter.ts', 'flowNfilter'],
  'flow-export': ['flow-export.ts', 'flowExport'], 'flow-gen': ['flow-gen.ts', 'flowGen'],
  flowdumper: ['flowdumper.ts', 'flowdumper'], flowsift: ['flowsift.ts', 'flowsift'],
};
// One file per tool, no shared chunks: a drop-in call loads 1 module instead of ~20 (each ES module
// costs a resolve, a read, a compile and a link; measured 191 -> 177 ms for flow-print -f 3 on a small file, node -e 0 taking 111 ms).
const tools = Object.entries(TOOL_MODULES).map(([tool, [file, name]]) => esbuild.build({
  ...common,
  stdin: {
    contents: `import { runTool } from './src/cli/runtime.ts';\nimport { ${name} as main } from './src/cli/${file}';\nexport const start = (tool) => runTool(tool, main);\n`,
    resolveDir: root,
    sourcefile: `${tool}-entry.ts`,
    loader: 'ts',
  },
  outfile: `dist/bundle/${tool}.js`,
}));
await Promise.all([...tools, esbuild.build({ ...common, entryPoints: { 'scan-worker': 'workers/scan.ts' }, outdir: 'dist/bundle' })]);
