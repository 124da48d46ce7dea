/**
 * No AMA CPT or ADA CDT descriptor may be committed: the CMS RVU file's DESCRIPTION column is
 * licensed text. This test reads the real file from the shared source collection beside the
 * checkout (`../shared/codesets-src/pfs/rvu26c/PPRRVU2026_Jul_nonQPP.csv`, present in CI), takes the
 * descriptors of a sample of CPT and CDT rows, and searches every committed PFS file for them. On a
 * user's clone the shared collection is absent and the test is skipped (it cannot know the texts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/ncci/mue';
import { parseRvuCsv, pfs, stripRvuDescriptors } from '../../src/pfs/index';

const REPO = resolve(import.meta.dirname, '..', '..');
const ORIGINAL = [join(REPO, '..', 'shared'), join(REPO, '..', '..', 'shared')]
  .map((d) => join(d, 'codesets-src', 'pfs', 'rvu26c', 'PPRRVU2026_Jul_nonQPP.csv'))
  .find((f) => existsSync(f));

describe.skipIf(!ORIGINAL)(
  'no CPT/CDT descriptor in the repository (needs ../shared: the licensed CMS file)',
  () => {
    const text = ORIGINAL ? readFileSync(ORIGINAL, 'latin1') : '';
    const rows = parseCsv(text).slice(10);
    // CPT (5 digits, or 4 digits + F/T/U) and CDT (D + 4 digits) rows; HCPCS Level II text is public.
    const licensed = rows.filter((r) => /^(\d{5}|\d{4}[FTU]|D\d{4})$/.test(r[0] ?? ''));
    const sample = [...new Set(licensed.filter((_, i) => i % 25 === 0).map((r) => r[2]!.trim()))].filter(
      (d) => d.length >= 12,
    );

    it('samples hundreds of descriptors', () => {
      expect(sample.length).toBeGreaterThan(300);
    });

    it('no committed PFS file, pack or doc contains one', () => {
      const files = execFileSync(
        'git',
        [
          'ls-files',
          '--cached',
          '--others',
          '--exclude-standard',
          'codesets/pfs',
          'codesets/sources/pfs',
          'src/pfs',
          'test/pfs',
          'scripts',
          'docs',
          'README.md',
          'bench',
          '.changeset',
        ],
        { cwd: REPO, encoding: 'utf8' },
      )
        .split('\n')
        .filter((f) => f !== '' && existsSync(join(REPO, f)));
      // Packs are build outputs (git-ignored): the built ones are what the package ships.
      for (const ed of readdirSync(join(REPO, 'codesets/pfs')))
        for (const f of readdirSync(join(REPO, 'codesets/pfs', ed)))
          if (f.endsWith('.pack')) files.push(`codesets/pfs/${ed}/${f}`);
      expect(files.some((f) => f.endsWith('rvu.pack'))).toBe(true);
      for (const f of files) {
        const bytes = readFileSync(join(REPO, f));
        const content = (f.endsWith('.gz') ? Buffer.from(gunzipSync(new Uint8Array(bytes))) : bytes).toString(
          'latin1',
        );
        const found = sample.filter((d) => content.includes(d));
        expect(found, f).toEqual([]);
      }
    });

    it('the committed source is the CMS file with exactly the DESCRIPTION column removed', () => {
      const gz = readFileSync(
        join(REPO, 'codesets', 'sources', 'pfs', 'PPRRVU2026_Jul_nonQPP.no-descriptors.csv.gz'),
      );
      expect(Buffer.from(gunzipSync(new Uint8Array(gz))).toString('latin1')).toBe(stripRvuDescriptors(text));
    });

    it('the importer reads the published file into the same entries as the built-in pack, without descriptors', () => {
      const { entries } = parseRvuCsv(text, 'PPRRVU2026_Jul_nonQPP.csv');
      expect(entries.length).toBe(19356);
      expect(pfs.at('2026-08-01').entries).toEqual(entries);
      expect(JSON.stringify(entries.slice(0, 2000))).not.toContain(sample[0]!);
    });
  },
);
