// Shared launcher for the executables in this folder: runs the compiled tool from dist/.
import { existsSync } from 'node:fs';

export async function launch(tool) {
  const entry = new URL('../dist/src/cli/entry.js', import.meta.url);
  if (!existsSync(entry)) {
    process.stderr.write(`${tool}: flowsift is not built; run "npm install" (or "npm run build") in ${new URL('..', import.meta.url).pathname}\n`);
    process.exit(2);
  }
  const { start } = await import(entry.href);
  await start(tool);
}
