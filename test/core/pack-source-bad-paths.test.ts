/**
 * A path where a folder of packs belongs that names a file, and an index.json that is not an
 * object: each a PackError saying what is wrong, never a system without editions or a TypeError.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackError } from '../../src/core/errors';
import { loadPacks } from '../../src/core/pack-source';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { thrownBy } from '../medcode-error';

const MANIFEST = resolve(import.meta.dirname, '..', '..', 'codesets', 'icd10cm', 'fy2026', 'manifest.json');

describe('a file where a folder of packs belongs', () => {
  it('packs: a file path is a PackError naming it, not "no edition"', () => {
    const error = thrownBy(() => createIcd10CmSystem({ packs: MANIFEST }).at('2026-05-01').get('E11.9'));
    expect(error).toBeInstanceOf(PackError);
    expect(error).toMatchObject({ reason: 'missing', file: MANIFEST });
    expect((error as PackError).message).toMatch(/not a folder/);
  });

  it('extraCodesetsDirs: [a file path] is refused the same way, not ignored', () => {
    const error = thrownBy(() => createIcd10CmSystem({ extraCodesetsDirs: [MANIFEST] }).at('2026-05-01'));
    expect(error).toBeInstanceOf(PackError);
    expect((error as PackError).message).toMatch(/not a folder/);
  });
});

describe('loadPacks over an index.json that is not an object', () => {
  it.each(['null', '5', '["icd10cm"]'])('%s is a PackError (bad_header) naming index.json', async (text) => {
    const error = await loadPacks(async (p) =>
      p === 'index.json' ? new TextEncoder().encode(text) : undefined,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackError);
    expect(error).toMatchObject({ reason: 'bad_header', file: 'index.json' });
  });
});
