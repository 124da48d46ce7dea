import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODESETS_DIR, REPO_ROOT, sha256 } from '../../scripts/lib/codesets';

/**
 * The slow proof that the packs are reproducible from the official files: packs are build outputs,
 * not in git, and the committed manifests hold their expected digests. A fresh build into an
 * empty folder must reproduce every manifest byte for byte (and so every pack's sha256). It runs
 * in CI and with `npm run test:slow`, not in the default `npm test` loop.
 */
const temp = mkdtempSync(join(tmpdir(), 'medcode-fresh-build-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function build(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'build-codesets.ts'), ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
}

/** `system/edition` of every committed manifest. */
function committedEditions(): string[] {
  const out: string[] = [];
  for (const system of readdirSync(CODESETS_DIR, { withFileTypes: true })) {
    if (!system.isDirectory() || system.name === 'sources') continue;
    for (const ed of readdirSync(join(CODESETS_DIR, system.name))) out.push(`${system.name}/${ed}`);
  }
  return out.sort();
}

describe('a fresh build from codesets/sources reproduces the committed manifests', () => {
  // The whole build (about 1.5 minutes on 2 idle cores; more on a busy machine).
  it('every builder, into an empty folder: every manifest and every pack digest', {
    timeout: 900_000,
  }, () => {
    const out = join(temp, 'fresh');
    const r = build('--out', out);
    expect(r.status, r.stderr).toBe(0);
    const editions = committedEditions();
    expect(editions.length).toBeGreaterThan(8);
    for (const ed of editions) {
      const manifest = readFileSync(join(CODESETS_DIR, ed, 'manifest.json'), 'utf8');
      expect(readFileSync(join(out, ed, 'manifest.json'), 'utf8'), ed).toBe(manifest);
      for (const f of (JSON.parse(manifest) as { files: { file: string; sha256: string }[] }).files)
        expect(sha256(readFileSync(join(out, ed, f.file))), `${ed}/${f.file}`).toBe(f.sha256);
    }
    expect(readFileSync(join(out, 'index.json'), 'utf8')).toBe(
      readFileSync(join(CODESETS_DIR, 'index.json'), 'utf8'),
    );
  });

  it('a digest that differs fails the build, naming the pack, and writes nothing for it', () => {
    const expected = join(temp, 'expected');
    mkdirSync(join(expected, 'pos'), { recursive: true });
    cpSync(join(CODESETS_DIR, 'pos', '2024-08'), join(expected, 'pos', '2024-08'), { recursive: true });
    const file = join(expected, 'pos', '2024-08', 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { files: { sha256: string }[] };
    m.files[0]!.sha256 = '0'.repeat(64);
    writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
    const out = join(temp, 'mismatch');
    const r = build('pos', '--out', out, '--expected', expected);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /pos\/2024-08\/pos\.pack: sha256 [0-9a-f]{64} differs from the committed manifest's 0{64}/,
    );
    expect(r.stderr).toMatch(/--update/);
    expect(() => readdirSync(join(out, 'pos'))).toThrow();
  });
});
