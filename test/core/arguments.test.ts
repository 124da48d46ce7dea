/**
 * Arguments of the wrong kind are refused by name, with a MedcodeError, before anything is read:
 * never a TypeError at the first property read, nor a text iterated one character at a time.
 */
import { describe, expect, it } from 'vitest';
import { checkOptionsArgument, describeArgument, isTextOrBytes } from '../../src/core/arguments';
import { MedcodeError } from '../../src/core/errors';
import { toPackSource } from '../../src/core/pack-source';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { createHccSystem } from '../../src/hcc/index';
import { createPfsSystem } from '../../src/pfs/index';
import { createMueSystem, loadAocTable, loadMueTable, loadPtpTables } from '../../src/ncci/index';
import { loadMceLists } from '../../src/rules/index';
import { createValidationReport, renderValidationReport } from '../../src/report/index';
import { renderCms1500Pdf } from '../../src/claims/index';

function thrown(use: () => unknown): MedcodeError {
  try {
    use();
  } catch (error) {
    expect(error).toBeInstanceOf(MedcodeError);
    return error as MedcodeError;
  }
  throw new Error('nothing was thrown');
}

describe('argument helpers', () => {
  it('isTextOrBytes: one string or byte view, not a list of them', () => {
    expect(isTextOrBytes('{}\n')).toBe(true);
    expect(isTextOrBytes(new Uint8Array(2))).toBe(true);
    expect(isTextOrBytes(new DataView(new ArrayBuffer(2)))).toBe(true);
    expect(isTextOrBytes(['{}'])).toBe(false);
    expect(isTextOrBytes(new ArrayBuffer(2))).toBe(false);
  });

  it('describeArgument names a byte array by its kind and size', () => {
    expect(describeArgument(Buffer.from('abc'))).toBe('a Buffer of 3 bytes');
    expect(describeArgument(new Uint16Array(2))).toBe('a Uint16Array of 4 bytes');
  });

  it('checkOptionsArgument: undefined or an object passes; anything else is refused by name', () => {
    expect(() => checkOptionsArgument('f', undefined)).not.toThrow();
    expect(() => checkOptionsArgument('f', {})).not.toThrow();
    for (const bad of [null, 'codesets', 5, []])
      expect(thrown(() => checkOptionsArgument('f', bad)).issues[0]).toMatchObject({
        code: 'invalid_option',
        path: ['options'],
        option: 'f(options)',
      });
  });
});

describe('the public functions that take options or packs', () => {
  it('options that are not an object: invalid_option at options, naming the function', () => {
    for (const [name, create] of [
      ['createIcd10CmSystem', createIcd10CmSystem],
      ['createIcd10PcsSystem', createIcd10PcsSystem],
      ['createHcpcsSystem', createHcpcsSystem],
      ['createHccSystem', createHccSystem],
      ['createPfsSystem', createPfsSystem],
      ['createMueSystem', createMueSystem],
      ['loadMueTable', loadMueTable],
      ['loadAocTable', loadAocTable],
      ['createValidationReport', createValidationReport],
    ] as const) {
      const error = thrown(() => (create as (o: unknown) => unknown)(null));
      expect(error.issues[0], name).toMatchObject({ code: 'invalid_option', option: `${name}(options)` });
    }
  });

  it('packs that are neither a folder path nor a PackSource: refused by name when given', () => {
    for (const bad of [null, 5, {}, { read: () => undefined }]) {
      expect(thrown(() => toPackSource(bad as never)).issues[0]).toMatchObject({
        code: 'invalid_option',
        path: ['packs'],
      });
      expect(thrown(() => loadPtpTables(bad as never)).issues[0]).toMatchObject({ path: ['packs'] });
      expect(thrown(() => loadMceLists(bad as never)).issues[0]).toMatchObject({ path: ['packs'] });
    }
  });

  it('renderValidationReport: results that are not an iterable of results', () => {
    for (const bad of [undefined, 5, 'results'])
      expect(thrown(() => renderValidationReport(bad as never)).issues[0]).toMatchObject({
        code: 'invalid_option',
        path: ['results'],
      });
  });

  it('renderCms1500Pdf: what is not toCms1500 output is an invalid_type issue at its path', async () => {
    for (const [forms, path] of [
      [undefined, []],
      [[null], [0]],
      [[{ pages: 'x' }], [0]],
      [[{ pages: [{ fields: null }] }], [0, 'pages', 0, 'fields']],
    ] as const) {
      const r = await renderCms1500Pdf(forms as never);
      expect(r.ok).toBe(false);
      expect(r.issues[0]).toMatchObject({ code: 'invalid_type', path });
    }
  });
});
