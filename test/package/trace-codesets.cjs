// Preloaded with `node --require`: records every file under a `codesets/` folder that the process
// reads, and prints the list as JSON on exit. Used to prove which data each import loads.
'use strict';
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const seen = new Set();
const record = (p) => {
  const s = String(p);
  const i = s.lastIndexOf('/codesets/');
  if (i >= 0) seen.add(s.slice(i + 1));
};
for (const name of ['readFileSync', 'openSync', 'readdirSync', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function traced(p, ...rest) {
    record(p);
    return original.call(this, p, ...rest);
  };
}
const originalReadFile = fs.promises.readFile;
fs.promises.readFile = function traced(p, ...rest) {
  record(p);
  return originalReadFile.call(this, p, ...rest);
};
syncBuiltinESMExports();
process.on('exit', () => {
  process.stdout.write(`\nCODESETS_READ=${JSON.stringify([...seen].sort())}\n`);
});
