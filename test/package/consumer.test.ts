/**
 * Packs the tarball as npm would publish it, installs it into a fresh consumer project, and imports
 * every subpath from ESM and CJS. Also proves which code-set data each import reads.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SUBPATHS = [
  'medcode',
  'medcode/core',
  'medcode/icd10cm',
  'medcode/icd10pcs',
  'medcode/hcpcs',
  'medcode/cpt',
  'medcode/ncci',
  'medcode/hcc',
  'medcode/pfs',
  'medcode/rules',
  'medcode/testing',
  'medcode/claims',
  'medcode/report',
  'medcode/node',
];
const TRACE = join(import.meta.dirname, 'trace-codesets.cjs');

let consumer = '';

function run(file: string, source: string): { stdout: string; read: string[] } {
  writeFileSync(join(consumer, file), source);
  const stdout = execFileSync(process.execPath, ['--require', TRACE, file], {
    cwd: consumer,
    encoding: 'utf8',
  });
  const m = /CODESETS_READ=(.*)$/m.exec(stdout);
  return { stdout, read: m ? (JSON.parse(m[1]!) as string[]) : [] };
}

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'medcode-consumer-'));
  consumer = join(work, 'app');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }),
  );
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', inject('medcodeTarball')],
    { cwd: consumer, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}, 300_000);

describe('the published package', () => {
  it.each(SUBPATHS)('%s imports from ESM and from CJS, and importing reads no code-set data', (subpath) => {
    const esm = run(
      'esm.mjs',
      `import * as m from '${subpath}';\nconsole.log('EXPORTS=' + Object.keys(m).length);\n`,
    );
    expect(Number(/EXPORTS=(\d+)/.exec(esm.stdout)?.[1])).toBeGreaterThan(0);
    expect(esm.read).toEqual([]);
    const cjs = run(
      'cjs.cjs',
      `const m = require('${subpath}');\nconsole.log('EXPORTS=' + Object.keys(m).length);\n`,
    );
    expect(Number(/EXPORTS=(\d+)/.exec(cjs.stdout)?.[1])).toBeGreaterThan(0);
    expect(cjs.read).toEqual([]);
  });

  // Using a system reads its own packs and nothing of any other system's.
  it.each([
    [
      'medcode/icd10cm',
      "const { icd10cm } = m; if (!icd10cm.at('2026-05-01').get('E11.9')) throw new Error('E11.9');",
      'icd10cm',
    ],
    [
      'medcode/icd10pcs',
      "const { icd10pcs } = m; if (!icd10pcs.at('2026-05-01').check('0LB50ZZ').ok) throw new Error('0LB50ZZ');",
      'icd10pcs',
    ],
    [
      'medcode/hcpcs',
      "const { hcpcs } = m; if (!hcpcs.at('2026-05-01').get('G0121')) throw new Error('G0121');",
      'hcpcs',
    ],
    [
      'medcode/hcc',
      "const { hcc } = m; const r = hcc.at(2026).score({ sex: 'F', age: 70, diagnoses: ['E11.9'] }); if (!r.ok || r.value.payingHccs[0] !== 38) throw new Error('E11.9');",
      'hcc',
    ],
    [
      'medcode/pfs',
      "const { pfs } = m; if (pfs.at('2026-08-01').get('99213')?.status !== 'A') throw new Error('99213');",
      'pfs',
    ],
  ])('%s, when used, reads only its own data', (subpath, use, system) => {
    for (const [file, source] of [
      ['use.mjs', `import * as m from '${subpath}';\n${use}\n`],
      ['use.cjs', `const m = require('${subpath}');\n${use}\n`],
    ] as const) {
      const { read } = run(file, source);
      expect(read.length).toBeGreaterThan(0);
      expect(read.filter((f) => !f.startsWith(`codesets/${system}/`) && f !== `codesets/${system}`)).toEqual(
        [],
      );
    }
  });

  it('ships the packs and not the official source files', () => {
    const files = execFileSync('find', ['node_modules/medcode', '-type', 'f'], {
      cwd: consumer,
      encoding: 'utf8',
    }).split('\n');
    expect(files.some((f) => f.includes('/codesets/sources/'))).toBe(false);
    expect(files.some((f) => f.includes('/dist/index.js'))).toBe(true);
  });

  it('exposes the medcode command', () => {
    const out = execFileSync(join(consumer, 'node_modules', '.bin', 'medcode'), ['--help'], {
      encoding: 'utf8',
    });
    expect(out).toContain('medcode');
  });
});
