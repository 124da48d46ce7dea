/**
 * Packs that cannot be swapped or half-trusted, whatever their source: every pack is tied to its
 * edition's manifest (kind, edition, size, digest), manifest faults are PackErrors at load (the
 * same on every retry, other systems unaffected), a damaged MUE or MCE pack is an error in the
 * validation result (never a skip), and packs given in memory or loaded asynchronously answer the
 * same as the folder.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { PackError } from '../../src/core/errors';
import { loadPacks, memorySource } from '../../src/core/pack-source';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { validateClaimJson } from '../../src/rules/index';
import { packIndex } from '../../src/node/index';
import { createMueSystem } from '../../src/ncci/index';
import { thrownBy } from '../medcode-error';

const REPO = resolve(import.meta.dirname, '..', '..');
const CODESETS = join(REPO, 'codesets');
const today = '2026-11-27';
const example = (name: string): unknown =>
  JSON.parse(readFileSync(join(REPO, 'examples', `${name}.json`), 'utf8'));

/** A copy of some systems' packs in a fresh folder. */
function copy(...systems: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'medcode-src-'));
  for (const s of systems) cpSync(join(CODESETS, s), join(dir, s), { recursive: true });
  return dir;
}

function editManifest(file: string, change: (m: { edition: Record<string, unknown> }) => void): void {
  const m = JSON.parse(readFileSync(file, 'utf8')) as { edition: Record<string, unknown> };
  change(m);
  writeFileSync(file, JSON.stringify(m));
}

/**
 * The MUE pack with one code's value changed and the last row's value rewritten so that the values
 * section keeps its CRC-32 (CRC-32 is linear over GF(2): four free bytes reach any CRC).
 */
function forgeMue(pack: Uint8Array, code: string, value: number): Uint8Array {
  const b = Uint8Array.from(pack);
  const view = new DataView(b.buffer);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(b.subarray(12, 12 + headerLength))) as {
    sections: { name: string; offset: number; byteLength: number; count: number; crc32: number }[];
  };
  const sec = (name: string) => header.sections.find((s) => s.name === name)!;
  const codes = new TextDecoder().decode(
    b.subarray(sec('codes').offset, sec('codes').offset + sec('codes').byteLength),
  );
  const n = sec('values').count;
  const w = codes.length / n;
  const row = Array.from({ length: n }, (_, i) => codes.slice(i * w, (i + 1) * w).trim()).indexOf(code);
  const { offset, byteLength, crc32: target } = sec('values');
  view.setUint32(offset + 4 * row, value, true);
  const data = b.subarray(offset, offset + byteLength);
  const p = byteLength - 4;
  data.fill(0, p);
  const POLY = 0x104c11db7n;
  const reverse32 = (x: bigint) =>
    BigInt(`0b${x.toString(2).padStart(32, '0').split('').reverse().join('')}`);
  const mul = (x: bigint, y: bigint) => {
    let z = 0n;
    for (; y; y >>= 1n) {
      if (y & 1n) z ^= x;
      x <<= 1n;
      if ((x >> 32n) & 1n) x ^= POLY;
    }
    return z;
  };
  const pow = (x: bigint, y: bigint) => {
    let z = 1n;
    for (; y; y >>= 1n) {
      if (y & 1n) z = mul(z, x);
      x = mul(x, x);
    }
    return z;
  };
  const degree = (x: bigint) => x.toString(2).length - 1;
  const divmod = (x: bigint, y: bigint): [bigint, bigint] => {
    let q = 0n;
    const yd = degree(y);
    for (let i = degree(x) - yd; i >= 0; i--)
      if ((x >> BigInt(i + yd)) & 1n) {
        x ^= y << BigInt(i);
        q |= 1n << BigInt(i);
      }
    return [q, x];
  };
  const reciprocal = (y: bigint) => {
    let x = POLY;
    let a = 0n;
    let c = 1n;
    while (y !== 0n) {
      const [q, r] = divmod(x, y);
      [x, y, a, c] = [y, r, c, a ^ mul(q, c)];
    }
    return a;
  };
  const delta = BigInt((crc32(data) ^ target) >>> 0);
  const fix = reverse32(mul(reciprocal(pow(2n, BigInt((byteLength - p) * 8))), reverse32(delta)));
  for (let i = 0; i < 4; i++) data[p + i]! ^= Number((fix >> BigInt(i * 8)) & 0xffn);
  expect(crc32(data) >>> 0).toBe(target >>> 0);
  return b;
}

function truncate(file: string): void {
  const bytes = readFileSync(file);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
}

describe('a pack from another edition is refused, naming the file', () => {
  it('ICD-10-CM: the FY2027 codes pack in the FY2026 folder (at() returns, with a PackError)', () => {
    const dir = copy('icd10cm');
    cpSync(join(dir, 'icd10cm/fy2027/codes.pack'), join(dir, 'icd10cm/fy2026/codes.pack'));
    const error = thrownBy(() => createIcd10CmSystem({ packs: dir }).at('2026-05-01').get('E11.9'));
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).message).toContain('fy2026/codes.pack');
    // FY2027 reads FY2026 as its base: it is refused too, not answered from the wrong rows.
    expect(thrownBy(() => createIcd10CmSystem({ packs: dir }).at('2026-11-01').get('E11.9'))).toBeInstanceOf(
      PackError,
    );
  });

  it('HCPCS: the July codes pack in the January folder', () => {
    const dir = copy('hcpcs', 'pos');
    cpSync(join(dir, 'hcpcs/2026-jul/codes.pack'), join(dir, 'hcpcs/2026-jan/codes.pack'));
    const hcpcs = createHcpcsSystem({ packs: dir });
    const error = thrownBy(() => hcpcs.at('2026-03-01').get('G0121'));
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).message).toContain('2026-jan/codes.pack');
    // The other edition still answers.
    expect(hcpcs.at('2026-08-01').get('G0121')?.code).toBe('G0121');
  });

  it('a pack whose header was edited (same size) no longer matches its manifest digest', () => {
    const dir = copy('icd10pcs');
    const file = join(dir, 'icd10pcs/fy2026/codes.pack');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('fy2026');
    bytes.write('fy2025', at, 'latin1');
    writeFileSync(file, bytes);
    const error = thrownBy(() => createIcd10PcsSystem({ packs: dir }).at('2026-05-01').check('0LB50ZZ'));
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).reason).toBe('digest_mismatch');
    expect((error as PackError).message).toContain('icd10pcs/fy2026/codes.pack');
  });
});

describe('manifest faults are PackErrors at load, the same on every retry; other systems keep working', () => {
  it('two folders with one edition id', () => {
    const dir = copy('icd10cm', 'hcpcs', 'pos');
    cpSync(join(dir, 'icd10cm/fy2027'), join(dir, 'icd10cm/fy2028'), { recursive: true });
    const icd = createIcd10CmSystem({ packs: dir });
    const first = thrownBy(() => icd.editions);
    expect(first).toBeInstanceOf(PackError);
    expect((first as PackError).reason).toBe('manifest_fault');
    expect((first as PackError).message).toContain('fy2028/manifest.json');
    const again = thrownBy(() => icd.at('2026-05-01'));
    expect(again).toBeInstanceOf(PackError);
    expect((again as PackError).message).toBe((first as PackError).message);
    expect(createHcpcsSystem({ packs: dir }).at('2026-03-01').get('G0121')?.code).toBe('G0121');
  });

  it('effectiveFrom after effectiveTo', () => {
    const dir = copy('icd10cm');
    editManifest(join(dir, 'icd10cm/fy2027/manifest.json'), (m) => {
      m.edition.effectiveTo = '2026-01-01';
    });
    const error = thrownBy(() => createIcd10CmSystem({ packs: dir }).editions);
    expect((error as PackError).reason).toBe('manifest_fault');
    expect((error as PackError).message).toContain('fy2027/manifest.json');
  });

  it('overlapping editions', () => {
    const dir = copy('icd10cm');
    editManifest(join(dir, 'icd10cm/fy2027/manifest.json'), (m) => {
      m.edition.effectiveFrom = '2026-09-01';
    });
    const error = thrownBy(() => createIcd10CmSystem({ packs: dir }).at('2026-05-01'));
    expect((error as PackError).reason).toBe('manifest_fault');
    expect((error as PackError).message).toMatch(/overlaps/);
  });
});

describe('a damaged MUE or MCE pack is an error in the validation result, never a skip', () => {
  it('MUE: truncated', () => {
    const intact = copy('icd10cm', 'hcpcs', 'pos', 'icd10pcs', 'ncci-mue', 'mce');
    const good = validateClaimJson(example('mue-exceeded'), { packs: intact, today });
    expect(good.issues.some((i) => i.code === 'mue_exceeded')).toBe(true);
    const dir = copy('icd10cm', 'hcpcs', 'pos', 'icd10pcs', 'ncci-mue', 'mce');
    truncate(join(dir, 'ncci-mue/practitioner-2026q2/mue.pack'));
    const r = validateClaimJson(example('mue-exceeded'), { packs: dir, today });
    expect(r.ok).toBe(false);
    expect(r.status).toBe('failed');
    const e = r.issues.find((i) => i.code === 'pack_error');
    expect(e?.severity).toBe('error');
    expect(e?.code === 'pack_error' && e.file).toContain('mue.pack');
    expect(r.skipped.filter((s) => s.rule === 'ncci-mue')).toEqual([]);
  });

  it('MCE: truncated', () => {
    const dir = copy('icd10cm', 'hcpcs', 'pos', 'icd10pcs', 'ncci-mue', 'mce');
    truncate(join(dir, 'mce/v37/lists.pack'));
    const r = validateClaimJson(example('newborn-code-on-adult'), {
      packs: dir,
      today,
      rules: { 'mce-age': true },
    });
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => i.code === 'pack_error' && i.file.includes('lists.pack'))).toBe(true);
  });

  it('ICD-10-CM codes pack truncated: the claim fails, it does not pass', () => {
    const dir = copy('icd10cm', 'hcpcs', 'pos', 'icd10pcs', 'ncci-mue', 'mce');
    truncate(join(dir, 'icd10cm/fy2026/codes.pack'));
    const r = validateClaimJson(example('mue-exceeded'), { packs: dir, today, rules: { 'ncci-mue': false } });
    expect(r.ok).toBe(false);
    expect(r.issues.some((i) => i.code === 'pack_error' && i.file.includes('codes.pack'))).toBe(true);
  });
});

describe('a packs folder that is not there is an error, not a folder without editions', () => {
  const missing = join(tmpdir(), 'medcode-no-such-folder', 'codesets');

  it('a system over it throws a PackError naming the folder on first use', () => {
    const system = createIcd10CmSystem({ codesetsDir: missing });
    const error = thrownBy(() => system.editions);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).reason).toBe('missing');
    expect((error as PackError).file).toBe(missing);
  });

  it('an empty folder that is there has no editions', () => {
    const empty = mkdtempSync(join(tmpdir(), 'medcode-empty-'));
    expect(createIcd10CmSystem({ codesetsDir: empty }).editions).toEqual([]);
  });

  it('validation fails with one pack_error naming the folder, however many rules read it', () => {
    const r = validateClaimJson(example('mue-exceeded'), { packs: missing, today });
    expect(r.status).toBe('failed');
    const errors = r.issues.filter((i) => i.code === 'pack_error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code === 'pack_error' && errors[0]!.file).toBe(missing);
    expect(errors[0]!.message).toContain('no such folder');
    expect(r.issues.filter((i) => i.code === 'not_checked')).toEqual([]);
  });
});

/** Every file of a codesets folder, keyed as a memory source wants. */
function filesOf(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe('packs from memory and from an async loader answer like the folder', () => {
  it('memorySource: sync lookups and validation', () => {
    const dir = copy('icd10cm', 'hcpcs', 'pos', 'icd10pcs');
    const packs = memorySource(filesOf(dir));
    const icd = createIcd10CmSystem({ packs });
    expect(icd.at('2026-05-01').get('E11.9')?.title).toBe(
      createIcd10CmSystem({ packs: dir }).at('2026-05-01').get('E11.9')?.title,
    );
    const r = validateClaimJson(example('mue-exceeded'), { packs, today, rules: { 'ncci-mue': false } });
    expect(r.issues.filter((i) => i.code === 'pack_error')).toEqual([]);
  });

  it('loadPacks: reads index.json, checks digests, and refuses a damaged pack as it loads', async () => {
    const dir = copy('icd10cm', 'hcpcs', 'pos', 'icd10pcs');
    writeFileSync(join(dir, 'index.json'), JSON.stringify(packIndex(dir)));
    const files = filesOf(dir);
    const packs = await loadPacks(async (path) => files.get(path), { skipFiles: ['search.pack'] });
    expect(createIcd10CmSystem({ packs }).at('2026-10-15').get('E11.9')?.code).toBe('E11.9');
    const damaged = new Map(files);
    const bytes = Uint8Array.from(damaged.get('hcpcs/2026-jan/codes.pack')!);
    bytes[bytes.length - 100]! ^= 1;
    damaged.set('hcpcs/2026-jan/codes.pack', bytes);
    const error = await loadPacks(async (path) => damaged.get(path), { systems: ['hcpcs', 'pos'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).reason).toBe('digest_mismatch');
    expect((error as PackError).file).toBe('hcpcs/2026-jan/codes.pack');
  });

  it('loadPacks: a pack changed with its section CRC-32 kept is refused by its SHA-256', async () => {
    // 99213's MUE raised from 2 to 20, four bytes of the last row chosen so that the section's
    // CRC-32, and so the header and its manifest digest, stay as built: only the whole file's
    // SHA-256 tells.
    const files = filesOf(copy('ncci-mue'));
    const path = 'ncci-mue/practitioner-2026q2/mue.pack';
    const forged = forgeMue(files.get(path)!, '99213', 20);
    const editions = { 'ncci-mue': ['practitioner-2026q2'] };
    const honest = await loadPacks(async (p) => files.get(p), { editions });
    expect(createMueSystem({ packs: honest }).at('2026-05-01').get('99213')?.value).toBe(2);
    const tampered = new Map(files).set(path, forged);
    const error = await loadPacks(async (p) => tampered.get(p), { editions }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).reason).toBe('digest_mismatch');
    expect((error as PackError).file).toBe(path);
  });

  it('the committed codesets/index.json lists exactly the edition folders', () => {
    expect(JSON.parse(readFileSync(join(CODESETS, 'index.json'), 'utf8'))).toEqual(packIndex(CODESETS));
  });
});

describe('one folder reached twice', () => {
  it('the packs folder also named in MEDCODE_CODESETS gives its editions once, not a duplicate', () => {
    const dir = join(REPO, 'codesets');
    process.env.MEDCODE_CODESETS = dir;
    try {
      const icd = createIcd10CmSystem({ packs: dir });
      expect(icd.editions.map((e) => e.id)).toEqual(['fy2026', 'fy2027']);
      expect(icd.at('2026-05-01').get('E11.9')?.title).toBe('Type 2 diabetes mellitus without complications');
    } finally {
      delete process.env.MEDCODE_CODESETS;
    }
  });
});
