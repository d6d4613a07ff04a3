/** Where the symbol tables shipped with the project live (data/sym, beside src/ and dist/). */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export function symDir(): string {
  // src/print/ and dist/bundle/ -> ../../data/sym ; dist/src/print/ -> ../../../data/sym
  for (const rel of ['../../data/sym', '../../../data/sym']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (fs.existsSync(p)) return p;
  }
  return fileURLToPath(new URL('../../data/sym', import.meta.url));
}
