// Shared launcher for the executables in this folder: runs the compiled tool from dist/ — its
// bundle (one file to load, fast start-up) when that is at least as new as the per-module compile,
// else the per-module compile (`tsc` alone was run after the last full build).
import { existsSync, statSync } from 'node:fs';

const mtime = (u) => (existsSync(u) ? statSync(u).mtimeMs : -1);

export async function launch(tool) {
  const bundle = new URL(`../dist/bundle/${tool}.js`, import.meta.url);
  const modules = new URL('../dist/src/cli/entry.js', import.meta.url);
  const b = mtime(bundle);
  const m = mtime(modules);
  if (b < 0 && m < 0) {
    process.stderr.write(`${tool}: flowsift is not built; run "npm install" (or "npm run build") in ${new URL('..', import.meta.url).pathname}\n`);
    process.exit(2);
  }
  const { start } = await import((b >= m ? bundle : modules).href);
  await start(tool);
}
