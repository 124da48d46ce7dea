/**
 * medcode runs wherever JavaScript runs. A lookup + validateClaim program importing `medcode`,
 * `medcode/icd10cm` and `medcode/rules` is bundled with esbuild for the browser (no Node built-in
 * may be needed) and run in a real headless Chromium against packs served by a local static
 * server; the same program bundled for Node runs with packs given by folder (`medcode/node`), and
 * without them says how to pass packs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const REPO = resolve(import.meta.dirname, '..', '..');
const CODESETS = join(REPO, 'codesets');
const CHROMIUM = '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'medcode-bundles-'));
const claim = readFileSync(join(REPO, 'examples', 'mue-exceeded.json'), 'utf8');

/** `medcode/<area>` resolves to the sources, as the package's `exports` map resolves to dist/. */
const alias = { medcode: join(REPO, 'src') };

const PROGRAM = (packs: string) => `
import { createIcd10CmSystem } from 'medcode/icd10cm';
import { validateClaimJson } from 'medcode/rules';
${packs}
const icd = createIcd10CmSystem({ packs });
const entry = icd.at('2026-05-01').get('E11.9');
const fy2027 = icd.at('2026-10-15').get('E11.9');
const r = validateClaimJson(${claim}, { packs, today: '2026-11-27' });
// The 837P check writes the claim with the 837P writer, in the browser too.
const longCity = ${claim};
longCity.patient.address.city = 'Rancho Santa Margarita Heights East';
const x12 = validateClaimJson(longCity, { packs, today: '2026-11-27', rules: { 'x12-837p': true } });
export const result = {
  title: entry?.title,
  fy2027: fy2027?.code,
  status: r.status,
  codes: r.issues.map((i) => i.code),
  packErrors: r.issues.filter((i) => i.code === 'pack_error').length,
  x12: x12.issues.filter((i) => i.rule === 'x12-837p').map((i) => i.path.join('.')),
};
`;

const BROWSER_ENTRY = `${PROGRAM(`
import { fetchPackLoader, loadPacks } from 'medcode';
const packs = await loadPacks(fetchPackLoader(new URL('/codesets/', location.href)), { skipFiles: ['search.pack'] });
`)}
globalThis.__medcode = result;
`;

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
};
let server: Server;
let origin = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.startsWith('/codesets/')
      ? normalize(join(CODESETS, path.slice('/codesets/'.length)))
      : normalize(join(work, path === '/' ? 'index.html' : path));
    if ((!file.startsWith(CODESETS) && !file.startsWith(work)) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
});

describe('bundles', () => {
  it('an esbuild browser bundle needs no Node built-in and runs in headless Chromium', async () => {
    writeFileSync(join(work, 'entry.js'), BROWSER_ENTRY);
    const out = await build({
      entryPoints: [join(work, 'entry.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      alias,
      outfile: join(work, 'app.js'),
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:') || /^(fs|path|url|zlib|crypto)$/.test(i))).toEqual([]);
    const code = readFileSync(join(work, 'app.js'), 'utf8');
    expect(code).not.toMatch(/\bfrom\s*["']node:|require\(["']node:/);
    writeFileSync(
      join(work, 'index.html'),
      '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>',
    );

    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'medcode-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${origin}/`);
      await page.waitForFunction(
        () => (globalThis as { __medcode?: unknown }).__medcode !== undefined,
        null,
        {
          timeout: 90_000,
        },
      );
      const result = await page.evaluate(() => (globalThis as { __medcode?: unknown }).__medcode);
      expect(errors).toEqual([]);
      expect(result).toMatchObject({
        title: 'Type 2 diabetes mellitus without complications',
        fy2027: 'E11.9',
        status: 'failed',
        packErrors: 0,
        x12: ['patient.address.city'],
      });
      expect((result as { codes: string[] }).codes).toContain('mue_exceeded');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('a --platform=node bundle runs with packs given by folder, and without them says how to pass packs', async () => {
    writeFileSync(
      join(work, 'node-entry.js'),
      `${PROGRAM(`
import { folderSource } from 'medcode/node';
const packs = folderSource(process.env.MEDCODE_CODESETS);
`)}
console.log('RESULT=' + JSON.stringify(result));
`,
    );
    writeFileSync(
      join(work, 'node-default.js'),
      `import { icd10cm } from 'medcode/icd10cm';
try { icd10cm.at('2026-05-01').get('E11.9'); console.log('NO ERROR'); }
catch (e) { console.log('ERROR=' + e.name + ': ' + e.message); }
`,
    );
    for (const name of ['node-entry', 'node-default'])
      await build({
        entryPoints: [join(work, `${name}.js`)],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        alias,
        outfile: join(work, 'fn', `${name}.mjs`),
        logLevel: 'silent',
      });
    const stdout = execFileSync(process.execPath, [join(work, 'fn', 'node-entry.mjs')], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, MEDCODE_CODESETS: CODESETS },
    });
    const result = JSON.parse(/RESULT=(.*)$/m.exec(stdout)![1]!) as Record<string, unknown>;
    expect(result).toMatchObject({
      title: 'Type 2 diabetes mellitus without complications',
      fy2027: 'E11.9',
      status: 'failed',
      packErrors: 0,
      x12: ['patient.address.city'],
    });
    const bare = execFileSync(process.execPath, [join(work, 'fn', 'node-default.mjs')], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(bare).toMatch(/ERROR=PackError: .*pass `packs` \(folderSource\(dir\) from medcode\/node/);
  }, 120_000);
});
