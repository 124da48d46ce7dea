/**
 * Arguments of the wrong kind are refused by name, with a MedcodeError, before anything is read:
 * never a TypeError at the first property read, nor a text iterated one character at a time.
 */
import { describe, expect, it } from 'vitest';
import { checkOptionsArgument, describeArgument, isTextOrBytes } from '../../src/core/arguments';
import { MedcodeError } from '../../src/core/errors';
import { medcodeErrorOf } from '../medcode-error';
import { toPackSource } from '../../src/core/pack-source';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { createHccSystem } from '../../src/hcc/index';
import { createPfsSystem } from '../../src/pfs/index';
import { createMueSystem, loadAocTable, loadMueTable, loadPtpTables } from '../../src/ncci/index';
import { loadMceLists } from '../../src/rules/index';
import { createValidationReport, renderValidationReport } from '../../src/report/index';
import {
  checkClaimTextSize,
  divideMoney,
  multiplyMoney,
  renderCms1500Pdf,
  sumMoney,
} from '../../src/claims/index';
import { nonAsciiAt, upperAscii } from '../../src/core/code-shape';
import { compareIsoDates, isWithinRange } from '../../src/core/dates';
import { parseManifest, readManifest } from '../../src/core/manifest';
import { fetchPackLoader, folderSourceWith, loadPacks, memorySource } from '../../src/core/pack-source';
import {
  formatIcd10CmDotted,
  formatIcd10CmUndotted,
  isCanonicalIcd10CmCode,
  parseIcd10CmReferences,
  referenceCovers,
  searchTokens,
} from '../../src/icd10cm/index';
import { importMue, julianToIso, parseAocRows, selectPtpTable } from '../../src/ncci/index';
import {
  defaultPatientKey,
  parseAgeCondition,
  parseHccCrosswalkRows,
  parseHccModelTables,
  undottedDiagnosis,
} from '../../src/hcc/index';
import { parseRvuCsv, settingOf, stripRvuDescriptors } from '../../src/pfs/index';
import { parseMceTable } from '../../src/rules/index';
import { payerReason } from '../../src/report/index';
import { folderSource, packIndex, writePackIndex } from '../../src/node/index';
import {
  importAocFile,
  importHccFiles,
  importHcpcsFile,
  importIcd10CmFiles,
  importIcd10PcsFiles,
  importMceFile,
  importMueFile,
  importPtpFiles,
  readWorkbook,
  sha256,
} from '../../src/import/index';

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
      expect(medcodeErrorOf(() => checkOptionsArgument('f', bad)).issues[0]).toMatchObject({
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
      const error = medcodeErrorOf(() => (create as (o: unknown) => unknown)(null));
      expect(error.issues[0], name).toMatchObject({ code: 'invalid_option', option: `${name}(options)` });
    }
  });

  it('packs that are neither a folder path nor a PackSource: refused by name when given', () => {
    for (const bad of [null, 5, {}, { read: () => undefined }]) {
      expect(medcodeErrorOf(() => toPackSource(bad as never)).issues[0]).toMatchObject({
        code: 'invalid_option',
        path: ['packs'],
      });
      expect(medcodeErrorOf(() => loadPtpTables(bad as never)).issues[0]).toMatchObject({ path: ['packs'] });
      expect(medcodeErrorOf(() => loadMceLists(bad as never)).issues[0]).toMatchObject({ path: ['packs'] });
    }
  });

  it('renderValidationReport: results that are not an iterable of results', () => {
    for (const bad of [undefined, 5, 'results'])
      expect(medcodeErrorOf(() => renderValidationReport(bad as never)).issues[0]).toMatchObject({
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

describe('functions that take codes, text, files and folders', () => {
  it('a value of the wrong type is refused by name (invalid_option at the argument)', () => {
    const edition = { id: 'x', effectiveFrom: '2026-01-01', effectiveTo: null } as never;
    for (const [call, path] of [
      [() => formatIcd10CmDotted(5 as never), ['code']],
      [() => formatIcd10CmUndotted(null as never), ['code']],
      [() => parseIcd10CmReferences(undefined as never), ['text']],
      [() => referenceCovers({} as never, 'E119'), ['ref']],
      [() => referenceCovers('E10.-' as never, 'E119'), ['ref']],
      [() => referenceCovers({ raw: 'E10.-', low: 'E10', high: 'E10' }, 5 as never), ['undottedCode']],
      [() => compareIsoDates(Symbol('d') as never, '2026-01-01'), ['a']],
      [() => compareIsoDates('2026-01-01', '2026-9-30'), ['b']],
      [() => isWithinRange(Object.create(null), { from: '2026-01-01', to: null }), ['date']],
      [() => isWithinRange('2026-05-01', null as never), ['range']],
      [() => isWithinRange('2026-05-01', { from: '2026-1-1', to: null }), ['range.from']],
      [() => isWithinRange('2026-05-01', { from: '2026-01-01', to: undefined as never }), ['range.to']],
      [() => parseManifest(Object.create(null), 'manifest.json'), ['text']],
      [() => parseManifest('{}', Symbol('file') as never), ['file']],
      [() => readManifest(10n as never), ['file']],
      [() => sha256('text' as never), ['bytes']],
      [() => searchTokens(undefined as never), ['text']],
      [() => undottedDiagnosis(null as never), ['code']],
      [() => settingOf(11 as never), ['placeOfService']],
      [() => parseRvuCsv(5 as never, 'RVU26C.csv'), ['text']],
      [() => stripRvuDescriptors(null as never), ['text']],
      [() => checkClaimTextSize(5 as never), ['text']],
      [() => nonAsciiAt(5 as never), ['text']],
      [() => upperAscii(undefined as never), ['text']],
      [() => folderSource(5 as never), ['dir']],
      [() => packIndex(undefined as never), ['dir']],
      [() => writePackIndex(undefined as never), ['dir']],
      [() => folderSourceWith(null as never, 'codesets'), ['fs']],
      [() => memorySource(null as never), ['files']],
      [() => fetchPackLoader('not a url'), ['baseUrl']],
      [() => sumMoney(5 as never), ['amounts']],
      [() => sumMoney([1] as never), ['amounts']],
      [() => multiplyMoney(5 as never, 1), ['price']],
      [() => divideMoney('5' as never, 1), ['amount']],
      [() => parseMceTable(5 as never), ['text']],
      [() => selectPtpTable([null] as never, 'practitioner', '2026-05-01'), ['tables']],
      [() => payerReason(null as never), ['issue']],
      [() => defaultPatientKey({} as never), ['claim']],
      [() => parseAocRows([], null as never), ['options']],
      [() => parseHccCrosswalkRows(5 as never, 'mappings.xlsx'), ['rows']],
      [
        () => parseHccModelTables({} as never, { modelName: 'm', paymentYear: 2026, edition }),
        ['texts.mappings'],
      ],
      [() => importIcd10CmFiles([]), ['files']],
      [() => importIcd10PcsFiles([{ name: 'x.txt', bytes: 'text' }] as never), ['files[0]']],
    ] as const)
      expect(medcodeErrorOf(call).issues[0], JSON.stringify(path)).toMatchObject({
        code: 'invalid_option',
        path,
      });
  });

  it('importers refuse what is not an official file, before reading anything', async () => {
    for (const [run, path] of [
      [() => importHcpcsFile(undefined as never), ['file']],
      [() => importMueFile({ name: 'MUE.csv' } as never), ['file']],
      [() => importAocFile(null as never), ['file']],
      [() => importMceFile('MCE.txt' as never), ['file']],
      [() => readWorkbook({ name: 5, bytes: new Uint8Array() } as never), ['file']],
      [() => importPtpFiles([]), ['files']],
      [() => importHccFiles(undefined as never), ['files']],
      [() => importMue(undefined as never), ['file']],
      [() => loadPacks(5 as never), ['loader']],
    ] as const) {
      // Some importers are synchronous: run inside a promise so that a throw is caught the same way.
      const error = await Promise.resolve()
        .then(run as () => unknown)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error, JSON.stringify(path)).toBeInstanceOf(MedcodeError);
      expect((error as MedcodeError).issues[0], JSON.stringify(path)).toMatchObject({ path });
    }
  });

  it('predicates and "not one" parsers answer for any value', () => {
    expect(isCanonicalIcd10CmCode(5 as never)).toBe(false);
    expect(julianToIso(null as never)).toBeUndefined();
    expect(parseAgeCondition(undefined as never)).toBeUndefined();
  });
});
