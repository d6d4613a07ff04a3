// Shared launcher for the executables in this folder: runs the compiled tool from dist/ (the
// single-file bundle when it was built, else the per-module compile).
import { existsSync } from 'node:fs';

export async function launch(tool) {
  const bundle = new URL('../dist/bundle/entry.js', import.meta.url);
  const entry = existsSync(bundle) ? bundle : new URL('../dist/src/cli/entry.js', import.meta.url);
  if (!existsSync(entry)) {
    process.stderr.write(`${tool}: flowsift is not built; run "npm install" (or "npm run build") in ${new URL('..', import.meta.url).pathname}\n`);
    process.exit(2);
  }
  const { start } = await import(entry.href);
  await start(tool);
}
