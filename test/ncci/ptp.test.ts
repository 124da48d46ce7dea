import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { importPtp, PtpTable, selectPtpTable } from '../../src/ncci/index';
import { MedcodeError, SourceFormatError, PackError } from '../../src/core/errors';
import { PackReader } from '../../src/core/pack';
import { withSection } from '../pack-rewrite';
import type { TypedSection } from '../pack-rewrite';
import { ptpText, ptpZip, type PtpRow } from '../fixtures/ncci/layout';
import { decodeProcedureCode, encodeProcedureCode, isoToDays } from '../../src/ncci/codes';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'ncci');
const Q4_2017 = join(FIX, 'ccipra-v233r0-f1.zip');
const Q1_2018 = join(FIX, 'ccipra-v240r0-f1.zip');

describe('importPtp on CMS-packaged fixtures (real documented rows)', () => {
  it('reads the zip, finds the 4-row header by content and names the quarter from the file name', async () => {
    const progress: string[] = [];
    const [t] = await importPtp([Q1_2018], { onProgress: (p) => progress.push(p.phase) });
    expect(t!.kind).toBe('practitioner');
    expect(t!.version).toBe('24.0');
    expect(t!.edition).toMatchObject({
      id: 'practitioner-2018q1',
      effectiveFrom: '2018-01-01',
      effectiveTo: '2018-03-31',
      system: 'ncci-ptp',
    });
    expect(t!.size).toBe(3);
    expect(progress[0]).toBe('read');
    expect(progress.at(-1)).toBe('done');
  });

  it('22319/38220: indicator 1 in 2017 Q4, 0 in 2018 Q1 (tingtau Table 1)', async () => {
    const tables = await importPtp([Q4_2017, Q1_2018]);
    expect(tables.map((t) => t.edition.id)).toEqual(['practitioner-2017q4', 'practitioner-2018q1']);
    const q4 = selectPtpTable(tables, 'practitioner', '2017-11-15')!;
    const q1 = selectPtpTable(tables, 'practitioner', '2018-02-01')!;
    expect(q4.lookup('22319', '38220', '2017-11-15')).toMatchObject({
      modifierIndicator: 1,
      effectiveDate: '2014-01-01',
      deletionDate: null,
      version: '23.3',
    });
    expect(q1.lookup('22319', '38220', '2018-02-01')?.modifierIndicator).toBe(0);
    // 64633/64484 went 0 -> 1.
    expect(q4.lookup('64633', '64484', '2017-11-15')?.modifierIndicator).toBe(0);
    expect(q1.lookup('64633', '64484', '2018-02-01')?.modifierIndicator).toBe(1);
    // The pair is ordered: column 2 / column 1 is not an edit.
    expect(q1.lookup('38220', '22319', '2018-02-01')).toBeUndefined();
    // Not active before its effective date.
    expect(q1.lookup('64633', '64484', '2017-03-31')).toBeUndefined();
    // 'latest' picks 2018 Q1 for an old date.
    expect(selectPtpTable(tables, 'practitioner', '2017-11-15', 'latest')!.edition.id).toBe(
      'practitioner-2018q1',
    );
    expect(selectPtpTable(tables, 'practitioner', '2019-01-01')).toBeUndefined();
  });

  it('93653/93623: indicator 9 (deleted retroactively, deletion = effective) never applies', async () => {
    const [t] = await importPtp([Q1_2018]);
    expect(t!.lookup('93653', '93623', '2013-01-01')).toBeUndefined();
    expect(t!.history('93653', '93623')).toEqual([
      expect.objectContaining({
        modifierIndicator: 9,
        effectiveDate: '2013-01-01',
        deletionDate: '2013-01-01',
      }),
    ]);
  });

  it('round-trips through a deterministic pack', async () => {
    const [t] = await importPtp([Q1_2018]);
    const a = t!.toPack();
    const [again] = await importPtp([{ name: 'ccipra-v240r0-f1.zip', bytes: readFileSync(Q1_2018) }]);
    expect(Buffer.compare(a, again!.toPack())).toBe(0);
    const loaded = PtpTable.fromPack(a);
    expect(loaded.lookup('22319', '38220', '2018-02-01')).toEqual(t!.lookup('22319', '38220', '2018-02-01'));
    const damaged = Buffer.from(a);
    const col2 = PackReader.fromBuffer(a).header.sections.find((s) => s.name === 'col2')!;
    damaged[col2.offset]! ^= 0xff;
    expect(() => PtpTable.fromPack(damaged)).toThrow(PackError);
  });
});

describe('a PTP pack holds what the importer writes, or is a PackError', () => {
  it('refuses metadata, row ranges, code order, indicators and rationales the importer never writes', async () => {
    const rows: PtpRow[] = [
      ['11111', '22222', '', '20200101', '', '0', 'Mutually exclusive procedures'],
      ['11111', '33333', '', '20200101', '', '1', 'Misuse of column two code with column one code'],
      ['29000', '29020', '*', '19960101', '20141231', '1', 'Misuse of column two code with column one code'],
    ];
    const [t] = await importPtp([{ name: 'x.txt', bytes: Buffer.from(ptpText(rows), 'latin1') }], {
      table: 'practitioner',
      effectiveFrom: '2026-07-01',
    });
    const pack = t!.toPack();
    // A pack written by other code: one section replaced, the rest written again.
    const rewritten = (section: string | undefined, value: unknown) =>
      withSection(pack, 'ptp.pack', section, value);
    /** A typed section's copy, changed in place by `change`. */
    const edited =
      (change: (copy: TypedSection) => unknown) =>
      (t: TypedSection): TypedSection => {
        const copy = t.slice();
        change(copy);
        return copy;
      };
    // Written again unchanged, it answers as the original.
    const same = PtpTable.fromPack(rewritten(undefined, null));
    expect(same.lookup('11111', '33333', '2026-08-01')).toEqual(t!.lookup('11111', '33333', '2026-08-01'));
    const meta = PackReader.fromBuffer(pack).json<Record<string, unknown>>('meta');
    const cases: [string, string, unknown, RegExp][] = [
      ['meta null', 'meta', null, /no table kind/],
      ['another kind', 'meta', { ...meta, kind: 'dme' }, /no table kind/],
      ['rationales not text', 'meta', { ...meta, rationales: [1] }, /no table kind/],
      ['no edition', 'meta', { ...meta, edition: { id: 'x' } }, /records no edition/],
      ['ranges short', 'col1Start', (t: TypedSection) => t.subarray(0, 2), /row ranges do not cover/],
      ['ranges past the rows', 'col1Start', edited((r) => (r[2] = 4)), /row ranges do not cover/],
      ['an empty range', 'col1Start', edited((r) => (r[1] = 0)), /empty or overlaps/],
      ['a section short', 'flags', (t: TypedSection) => t.subarray(1), /flags section has 2 rows, not 3/],
      ['column 1 out of order', 'col1', edited((c) => c.reverse()), /column-1 codes are not ascending/],
      [
        'column 2 out of order',
        'col2',
        edited((c) => c.subarray(0, 2).reverse()),
        /column-2 codes are not ascending/,
      ],
      ['a code past ZZZZZ', 'col2', edited((c) => (c[2] = 36 ** 5)), /column-2 codes are not ascending/],
      ['indicator bits 3', 'flags', edited((f) => (f[0] = 3)), /modifier indicator or rationale/],
      ['an unknown flag', 'flags', edited((f) => (f[0] = 8)), /modifier indicator or rationale/],
      [
        'a rationale past the list',
        'rationale',
        edited((r) => (r[1] = 9)),
        /modifier indicator or rationale/,
      ],
    ];
    for (const [what, section, value, message] of cases) {
      const bytes = rewritten(section, value);
      expect(() => PtpTable.fromPack(bytes), what).toThrow(PackError);
      expect(() => PtpTable.fromPack(bytes), what).toThrow(message);
    }
  });
});

// Synthetic rows (not CMS data) for the semantics the documented rows do not cover.
const synthetic: PtpRow[] = [
  ['29000', '29020', '*', '19960101', '20141231', '1', 'Misuse of column two code with column one code'],
  ['11111', '22222', '', '20200101', '*', '1', 'Mutually exclusive procedures'],
  ['11111', '22222', '', '20200101', '', '0', 'Mutually exclusive procedures'],
  ['00100', 'J1100', '', '20200101', '', '1', 'Standards of medical / surgical practice'],
];

describe('PTP semantics (synthetic rows)', () => {
  it('quarter-end deletion date: inclusive by default (last day in force), exclusive on request (§8.1)', async () => {
    const [t] = await importPtp([{ name: 'x.txt', bytes: Buffer.from(ptpText(synthetic), 'latin1') }], {
      table: 'practitioner',
      effectiveFrom: '2026-01-01',
    });
    expect(t!.lookup('29000', '29020', '2014-12-31')?.priorTo1996).toBe(true);
    expect(t!.lookup('29000', '29020', '2014-12-31', 'exclusive')).toBeUndefined();
    expect(t!.lookup('29000', '29020', '2015-01-01')).toBeUndefined();
    expect(t!.lookup('29000', '29020', '2014-12-30', 'exclusive')).toBeDefined();
  });

  it('a blank deletion date means active; of two active rows, indicator 0 wins; unsorted input is sorted', async () => {
    const [t] = await importPtp(
      [{ name: 'y.txt', bytes: Buffer.from(ptpText([...synthetic].reverse()), 'latin1') }],
      { table: 'hospital', effectiveFrom: '2026-04-01' },
    );
    expect(t!.edition.id).toBe('hospital-2026q2');
    expect(t!.lookup('11111', '22222', '2026-05-01')?.modifierIndicator).toBe(0);
    expect(t!.lookup('00100', 'j1100', '2026-05-01')?.column2).toBe('J1100');
  });

  it('rejects a modifier indicator outside 0/1/9 with the line number, and files without a header', async () => {
    const bad = ptpText([['11111', '22222', '', '20200101', '*', '2' as '1', 'x']]);
    await expect(
      importPtp([{ name: 'ccipra-v320r0-f1.txt', bytes: Buffer.from(bad, 'latin1') }]),
    ).rejects.toThrow(/modifier indicator "2".*|:7: modifier indicator/);
    await expect(
      importPtp([
        {
          name: 'ccipra-v320r0-f1.txt',
          bytes: Buffer.from('11111\t22222\t\t20200101\t*\t1\tx\r\n', 'latin1'),
        },
      ]),
    ).rejects.toBeInstanceOf(SourceFormatError);
    await expect(
      importPtp([{ name: 'nothing.txt', bytes: Buffer.from(ptpText(synthetic), 'latin1') }]),
    ).rejects.toThrow(/practitioner/);
  });

  it('merges the -f1..-f4 parts of one table', async () => {
    const a = ptpZip('ccipra-v322r0-f1', ptpText([synthetic[0]!]));
    const b = ptpZip('ccipra-v322r0-f2', ptpText([synthetic[3]!]));
    const tables = await importPtp([
      { name: 'ccipra-v322r0-f1.zip', bytes: a },
      { name: 'ccipra-v322r0-f2.zip', bytes: b },
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.edition.id).toBe('practitioner-2026q3');
    expect(tables[0]!.size).toBe(2);
  });

  it('lookup never throws on hostile input', async () => {
    const [t] = await importPtp([Q1_2018]);
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        (a, b, d) => t!.lookup(a, b, d) === undefined || typeof a === 'string',
      ),
    );
    for (const v of ['__proto__', 'constructor', '', 'x'.repeat(1_000_000), '２２３１９'])
      expect(t!.lookup(v, '38220', '2018-02-01')).toBeUndefined();
  });
});

describe('column-1 hash index and row fields', () => {
  it('finds every column-1 code at its sorted position and no other code (dense and sparse codes)', async () => {
    // Dense runs of numbers (10000–13999) and letters (J0000–J0499) collide most in a hash of encoded codes.
    const col1 = [
      ...Array.from({ length: 4000 }, (_, k) => String(10000 + k)),
      ...Array.from({ length: 500 }, (_, k) => `J${String(k).padStart(4, '0')}`),
    ];
    const rows: PtpRow[] = col1.map((c, k) => [c, k % 2 ? '99213' : 'J1100', '', '20200101', '', '1', '']);
    const [t] = await importPtp([{ name: 'z.txt', bytes: Buffer.from(ptpText(rows), 'latin1') }], {
      table: 'practitioner',
      effectiveFrom: '2026-01-01',
    });
    const sorted = [...col1].sort();
    for (const [k, code] of sorted.entries()) {
      const i = t!.column1Index(encodeProcedureCode(code));
      expect(i).toBe(k);
      expect(t!.column1RowsEnd(i) - t!.column1RowsStart(i)).toBe(1);
      expect(t!.rowsOfColumn1(encodeProcedureCode(code))).toEqual([k, k + 1]);
    }
    for (const absent of ['14000', '09999', '00000', 'ZZZZZ', 'J0500', 'I9999', '99213'])
      expect(t!.column1Index(encodeProcedureCode(absent))).toBe(-1);
  });

  it('reads a row’s indicator, rationale and dates as the edit object has them', async () => {
    const [t] = await importPtp([{ name: 'x.txt', bytes: Buffer.from(ptpText(synthetic), 'latin1') }], {
      table: 'practitioner',
      effectiveFrom: '2026-01-01',
    });
    for (let r = 0; r < t!.size; r++) {
      const edit = t!.row(r);
      expect(t!.modifierIndicatorAt(r)).toBe(edit.modifierIndicator);
      expect(t!.rationaleAt(r)).toBe(edit.rationale);
      expect(t!.effectiveDateAt(r)).toBe(edit.effectiveDate);
      expect(t!.deletionDateAt(r)).toBe(edit.deletionDate);
    }
    expect(t!.row(0).column1).toBe('00100');
    // A row or column-1 index of -1 ("none"), past the end or not an integer is refused, named.
    const absent = t!.column1Index(encodeProcedureCode('99999'));
    expect(absent).toBe(-1);
    const n = t!.size;
    const misuses: [string, () => unknown][] = [
      ['column1RowsStart', () => t!.column1RowsStart(absent)],
      ['column1RowsEnd', () => t!.column1RowsEnd(absent)],
      ['column2At', () => t!.column2At(n)],
      ['row', () => t!.row(-1)],
      ['modifierIndicatorAt', () => t!.modifierIndicatorAt(-1)],
      ['rationaleAt', () => t!.rationaleAt(n)],
      ['effectiveDateAt', () => t!.effectiveDateAt(0.5)],
      ['deletionDateAt', () => t!.deletionDateAt(Number.NaN)],
      ['column2LowerBound', () => t!.column2LowerBound(2, 1, 0)],
      ['findActiveInRange', () => t!.findActiveInRange(0, n + 1, 0, 0, 'inclusive')],
    ];
    for (const [method, call] of misuses) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error, method).toBeInstanceOf(MedcodeError);
      expect((error as MedcodeError).issues[0]).toMatchObject({ code: 'invalid_option' });
      expect((error as MedcodeError).issues[0]!.message).toContain(`PtpTable.${method}`);
    }
    expect(t!.findActiveInRange(0, 0, 0, 0, 'inclusive')).toBe(-1);
    expect(t!.column2At(n - 1)).toBeGreaterThan(0);
    expect(
      t!.deletionDateAt(
        t!.findActive(encodeProcedureCode('29000'), encodeProcedureCode('29020'), isoToDays('2014-12-31')),
      ),
    ).toBe('2014-12-31');
  });
});

describe('procedure code numbers', () => {
  it('decodeProcedureCode gives back the upper-case code of every encodable code', () => {
    expect(decodeProcedureCode(encodeProcedureCode('j1100'))).toBe('J1100');
    expect([0, 36 ** 5 - 1].map(decodeProcedureCode)).toEqual(['00000', 'ZZZZZ']);
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{5}$/), (code) => {
        expect(decodeProcedureCode(encodeProcedureCode(code))).toBe(code);
      }),
    );
  });

  it('decodeProcedureCode refuses by name what no code encodes to', () => {
    for (const [k, n] of [
      Symbol('n'),
      10n,
      Object.create(null),
      {},
      null,
      undefined,
      '99213',
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1.5,
      -0.5,
      36 ** 5,
      1e300,
    ].entries()) {
      let error: unknown;
      try {
        decodeProcedureCode(n as never);
      } catch (e) {
        error = e;
      }
      expect(error, `value ${k}`).toBeInstanceOf(MedcodeError);
      expect((error as MedcodeError).issues[0], `value ${k}`).toMatchObject({
        code: 'invalid_option',
        path: ['n'],
        option: 'decodeProcedureCode(n)',
      });
    }
  });
});
