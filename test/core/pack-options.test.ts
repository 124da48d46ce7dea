/**
 * A code system reads its packs on first use, long after it is made: a `packs`, `codesetsDir` or
 * `extraCodesetsDirs` option that cannot be one is refused where it is given, naming the factory
 * and the option.
 */
import { describe, expect, it } from 'vitest';
import { packSourceOption, checkPackSourceInput, memorySource } from '../../src/core/pack-source';
import { listManifests } from '../../src/core/index';
import { createHccSystem } from '../../src/hcc/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { createMueSystem, loadAocTable, loadMueTable, loadPtpTables } from '../../src/ncci/index';
import { createPfsSystem } from '../../src/pfs/index';
import { loadMceLists } from '../../src/rules/index';
import { expectRefused } from '../medcode-error';

const NOT_A_SOURCE: readonly unknown[] = [5, null, {}, [], Symbol('s'), 10n, () => 1, new Uint8Array(3)];

describe('checkPackSourceInput and packSourceOption', () => {
  it('pass a folder path, a pack source and nothing; refuse anything else by name', () => {
    for (const good of [undefined, '/srv/medcode/codesets', memorySource(new Map())])
      expect(() => checkPackSourceInput('f', 'packs', good)).not.toThrow();
    for (const bad of NOT_A_SOURCE) expectRefused(() => checkPackSourceInput('f', 'packs', bad), 'f(packs)');
    expect(packSourceOption('f', { codesetsDir: '/srv' })).toBe('/srv');
    const source = memorySource(new Map());
    expect(packSourceOption('f', { packs: source, codesetsDir: '/srv' })).toBe(source);
    expect(packSourceOption('f', {})).toBeUndefined();
    expectRefused(() => packSourceOption('f', { codesetsDir: 5 }), 'f(options.codesetsDir)');
    expectRefused(() => packSourceOption('f', { packs: {} }), 'f(options.packs)');
    // A source's name is quoted by every error about its packs: one without is not a source.
    const { name: _name, ...nameless } = memorySource(new Map());
    expectRefused(() => checkPackSourceInput('f', 'packs', nameless), 'f(packs)');
    expectRefused(() => checkPackSourceInput('f', 'packs', { ...nameless, name: 5 }), 'f(packs)');
  });
});

describe('factories refuse a wrong packs or codesetsDir option when called, not at first lookup', () => {
  const FACTORIES: Record<string, (options: never) => unknown> = {
    createIcd10CmSystem,
    createIcd10PcsSystem,
    createHcpcsSystem,
    createHccSystem,
    createPfsSystem,
    createMueSystem,
    loadMueTable,
    loadAocTable,
  };
  it.each(Object.entries(FACTORIES))('%s', (name, factory) => {
    for (const bad of NOT_A_SOURCE)
      expectRefused(() => factory({ packs: bad } as never), `${name}(options.packs)`);
    expectRefused(() => factory({ codesetsDir: 5 } as never), `${name}(options.codesetsDir)`);
  });

  it('the ICD-10 and HCPCS factories refuse extraCodesetsDirs that is not a list of folder paths', () => {
    for (const [name, factory] of Object.entries({
      createIcd10CmSystem,
      createIcd10PcsSystem,
      createHcpcsSystem,
    })) {
      // One folder as a string used to be read character by character, each a missing folder.
      for (const bad of ['/srv/imported', [5], [null], {}, 5])
        expectRefused(
          () => factory({ extraCodesetsDirs: bad } as never),
          `${name}(options.extraCodesetsDirs)`,
        );
      expect(() => factory({ extraCodesetsDirs: [] })).not.toThrow();
    }
  });

  it('and so do the loaders that take a source as their argument', () => {
    for (const bad of NOT_A_SOURCE) {
      expectRefused(() => loadPtpTables(bad as never), 'loadPtpTables(packs)');
      expectRefused(() => loadMceLists(bad as never), 'loadMceLists(packs)');
    }
    expectRefused(() => loadPtpTables(undefined as never), 'loadPtpTables(packs)');
    expectRefused(() => listManifests(5 as never, 'icd10cm'), 'listManifests(codesetsDir)');
    expectRefused(() => listManifests('/srv', 5 as never), 'listManifests(system)');
  });
});
