/**
 * `medcode convert --to pdf`: the CMS-1500 PDF from the command line.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, isOneLineError } from '../cli/helpers';

const work = mkdtempSync(join(tmpdir(), 'medcode-convert-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('medcode convert --to pdf', () => {
  it('writes one PDF holding every claim of the input, in the chosen mode', async () => {
    const out = join(work, 'two.pdf');
    const both = join(work, 'two.json');
    const claims = ['clean-office-visit', 'mue-exceeded'].map((n) =>
      JSON.parse(readFileSync(`examples/${n}.json`, 'utf8')),
    );
    writeFileSync(both, JSON.stringify(claims));
    const run = await cli('convert', both, '--to', 'pdf', '--mode', 'data', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('wrote 2 claims as pdf to');
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain(claims[0].claimId);
    expect(pages[1]).toContain(claims[1].claimId);
    // Data mode: no form labels.
    expect(text).not.toContain('TOTAL CHARGE');
    const form = join(work, 'form.pdf');
    expect((await cli('convert', 'examples/mue-exceeded.json', '--to', 'pdf', '--out', form)).code).toBe(0);
    expect(execFileSync('pdftotext', ['-layout', form, '-'], { encoding: 'utf8' })).toContain('TOTAL CHARGE');
  });

  it('needs --out, and a known --mode', async () => {
    const noOut = await cli('convert', 'examples/clean-office-visit.json', '--to', 'pdf');
    expect(noOut.code).toBe(2);
    expect(isOneLineError(noOut.stderr)).toBe(true);
    expect(noOut.stderr).toContain('--out');
    const badMode = await cli(
      'convert',
      'examples/clean-office-visit.json',
      '--to',
      'pdf',
      '--mode',
      'ink',
      '--out',
      join(work, 'x.pdf'),
    );
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain('--mode must be one of form, data');
    expect(existsSync(join(work, 'x.pdf'))).toBe(false);
  });

  it('writes nothing when a claim cannot be printed', async () => {
    const out = join(work, 'bad.pdf');
    const run = await cli(
      'convert',
      'test/fixtures/x12/../../../examples/clean-office-visit.json',
      '--to',
      'pdf',
      '--out',
      out,
      '--pointers-per-line',
      '1',
    );
    expect(run.code).toBe(0);
    rmSync(out);
    const bad = join(work, 'bad.json');
    const claim = JSON.parse(readFileSync('examples/clean-office-visit.json', 'utf8')) as {
      lines: { procedure: string }[];
    };
    claim.lines[0]!.procedure = '9921';
    writeFileSync(bad, JSON.stringify(claim));
    const refused = await cli('convert', bad, '--to', 'pdf', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('nothing written');
    expect(existsSync(out)).toBe(false);
  });
});
