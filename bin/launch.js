// Shared launcher for the executables in this folder (CommonJS, like them: an ES module entry costs
// Node its module loader at start-up). Runs the tool's bundle, dist/bundle/TOOL.cjs, compiled with
// the V8 code cache written beside it at build time (TOOL.cjs.cache; a cache V8 rejects, say after a
// Node upgrade, only costs the compile it would have saved). When the per-module compile is newer
// (`tsc` alone was run after the last full build) it runs that instead.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');
const { pathToFileURL } = require('node:url');

const mtime = (p) => { try { return fs.statSync(p).mtimeMs; } catch { return -1; } };

/** Load a CommonJS bundle through vm.Script with its code cache; FLOWSIFT_WRITE_CODE_CACHE=1 (the build) writes the cache at exit. */
function loadBundle(file) {
  const cacheFile = `${file}.cache`;
  const write = process.env.FLOWSIFT_WRITE_CODE_CACHE === '1';
  let cachedData;
  if (!write) { try { cachedData = fs.readFileSync(cacheFile); } catch { cachedData = undefined; } }
  const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (write) {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // no cache (the build says so): the tool only starts slower
        try { fs.unlinkSync(tmp); } catch { /* never written */ }
      }
    });
  }
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, path.dirname(file));
  return mod.exports;
}

exports.launch = function launch(tool) {
  const root = path.join(__dirname, '..');
  const bundle = path.join(root, 'dist', 'bundle', `${tool}.cjs`);
  const modules = path.join(root, 'dist', 'src', 'cli', 'entry.js');
  const b = mtime(bundle);
  const m = mtime(modules);
  if (b < 0 && m < 0) {
    process.stderr.write(`${tool}: flowsift is not built; run "npm install" (or "npm run build") in ${root}\n`);
    process.exitCode = 2;
    return;
  }
  if (b >= m) return loadBundle(bundle).start(tool);
  return import(pathToFileURL(modules).href).then((e) => e.start(tool));
};
