/**
 * Packs whose rows disagree with their structure, as a pack written by other code (or re-signed)
 * could hold while passing every digest: each is a PackError (`inconsistent`), never a lookup answered
 * wrong without a sign. The built-in packs, each written again with one section changed.
 */
import { describe, expect, it } from 'vitest';
import { PackError } from '../../src/core/errors';
import { PackReader } from '../../src/core/pack';
import type { PackSource } from '../../src/core/pack-source';
import { createHccSystem } from '../../src/hcc/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { loadAocTable, loadMueTable } from '../../src/ncci/index';
import { builtInFiles, sourceWithPack, withSection } from '../pack-rewrite';
import type { TypedSection } from '../pack-rewrite';

const FILES = builtInFiles(['icd10cm', 'icd10pcs', 'ncci-mue', 'ncci-aoc', 'hcpcs', 'pos', 'hcc']);

/** The pack source with typed section `name` of the pack at `path` changed by `change`. */
function changed(path: string, name: string, change: (t: TypedSection) => TypedSection): PackSource {
  return replaced(path, name, change);
}

/** The pack source with section `name` replaced: JSON by `value`, text by what `value` makes of it. */
function replaced(path: string, name: string, value: unknown): PackSource {
  const file = path.split('/').at(-1)!;
  return sourceWithPack(FILES, path, withSection(FILES.get(path)!, file, name, value));
}

/** A copy of a section with entry `at` set to `value`. */
const setAt =
  (at: number, value: number) =>
  (t: TypedSection): TypedSection => {
    const copy = t.slice();
    copy[at < 0 ? copy.length + at : at] = value;
    return copy;
  };

function expectInconsistent(use: () => unknown, message: RegExp): void {
  expect(use).toThrow(PackError);
  expect(use).toThrow(message);
}

describe('ICD-10-CM codes packs', () => {
  const CODES = 'icd10cm/fy2026/codes.pack';
  const get = (packs: PackSource, code: string, on = '2026-08-01') =>
    createIcd10CmSystem({ packs }).at(on).get(code);

  it('a hash table of another size, or a slot naming a row past the table', () => {
    // One slot short is not a power of two: every lookup would mask to the wrong slot.
    expectInconsistent(
      () =>
        get(
          changed(CODES, 'hash', (t) => t.subarray(1)),
          'E11.9',
        ),
      /section lengths/,
    );
    // Every slot past the rows: a probe would skip them all and answer "no such code".
    const full = changed(CODES, 'hash', (t) => t.slice().fill(0xffff_ffff));
    expectInconsistent(() => get(full, 'E11.9'), /names row 4294967294, past the table/);
  });

  it('a row with a flag no builder sets', () => {
    const packs = changed(CODES, 'flags', (t) => t.slice().fill(0xff));
    expectInconsistent(() => get(packs, 'E11.9'), /has flags 255, past the four defined/);
  });

  it('a row naming a section the metadata does not have', () => {
    const packs = changed(CODES, 'section', (t) => t.slice().fill(0xffff));
    expectInconsistent(() => get(packs, 'E11.9'), /names section 65535, past the table/);
  });

  it('a title keeping more of the title before it than that title has', () => {
    const packs = changed(CODES, 'titlePrefix', (t) => t.slice().fill(0xff));
    expectInconsistent(() => get(packs, 'E11.9')?.title, /keeps more of a title than it has/);
  });

  it('a delta whose removed rows disagree with its order (FY2027 over FY2026)', () => {
    const DELTA = 'icd10cm/fy2027/codes.pack';
    const on = '2026-12-01';
    // One removed row short: a code FY2027 deletes or retitles would come back from FY2026.
    const short = changed(DELTA, 'removed', (t) => t.subarray(0, t.length - 1));
    expectInconsistent(() => get(short, 'E11.9', on), /order and removed rows disagree/);
    expectInconsistent(
      () => get(changed(DELTA, 'removed', setAt(-1, 0xffff_ffff)), 'E11.9', on),
      /not ascending base rows/,
    );
    expectInconsistent(
      () => get(changed(DELTA, 'removed', setAt(1, 0)), 'E11.9', on),
      /not ascending base rows/,
    );
  });
});

describe('ICD-10-PCS codes pack', () => {
  const CODES = 'icd10pcs/fy2026/codes.pack';
  const title = (packs: PackSource, code = '0DTJ4ZZ') =>
    createIcd10PcsSystem({ packs }).at('2026-05-01').get(code)?.title;

  it('offsets out of order or past their text', () => {
    for (const name of ['value-offsets', 'phrase-offsets', 'long-block', 'short-block'])
      expectInconsistent(() => title(changed(CODES, name, setAt(1, 0xffff_ffff))), /out of order or past/);
    expectInconsistent(() => title(changed(CODES, 'long-block', (t) => t.subarray(1))), /title blocks/);
  });

  it('a title whose phrase count runs into the next title', () => {
    const packs = changed(CODES, 'long-count', (t) => t.slice().fill(0xff));
    expectInconsistent(() => title(packs), /long title of code \d+ runs past its phrases/);
  });

  it('a title naming a phrase past the list', () => {
    // The last phrase dropped from the offsets: a title that uses it names a phrase the pack lacks.
    const packs = changed(CODES, 'phrase-offsets', (t) => t.subarray(0, t.length - 1));
    const system = createIcd10PcsSystem({ packs }).at('2026-05-01');
    expectInconsistent(() => {
      for (const e of system.codes()) void e.title;
    }, /runs past its phrases/);
  });
});

describe('MUE and AOC packs', () => {
  const MUE = [...FILES.keys()].find((p) => p.startsWith('ncci-mue/') && p.endsWith('.pack'))!;
  const AOC = [...FILES.keys()].find((p) => p.startsWith('ncci-aoc/') && p.endsWith('.pack'))!;
  const mue = (packs: PackSource) => loadMueTable({ packs }).get('99213');
  const aoc = (packs: PackSource) => loadAocTable({ packs }).get('99292');

  it('MUE: a section a row short, an MAI outside 1–3, a rationale past the list', () => {
    expectInconsistent(() => mue(changed(MUE, 'mai', (t) => t.subarray(1))), /mai section has/);
    expectInconsistent(() => mue(changed(MUE, 'mai', setAt(0, 4))), /MAI other than 1, 2 or 3/);
    expectInconsistent(() => mue(changed(MUE, 'rationale', setAt(0, 200))), /rationale the table/);
  });

  it('AOC: a section a row short, an edit type outside 1–3, a note past the list, a date not a day', () => {
    expectInconsistent(() => aoc(changed(AOC, 'effective', (t) => t.subarray(1))), /effective section/);
    expectInconsistent(() => aoc(changed(AOC, 'type', setAt(0, 0))), /edit type other than 1, 2 or 3/);
    expectInconsistent(() => aoc(changed(AOC, 'note', setAt(0, 250))), /note the table does not have/);
    expectInconsistent(() => aoc(changed(AOC, 'effective', setAt(0, 0))), /date that is not YYYYMMDD/);
    expectInconsistent(() => aoc(changed(AOC, 'deleted', setAt(0, 20260230))), /date that is not YYYYMMDD/);
  });
});

describe('HCPCS, modifier and place-of-service packs', () => {
  const ON = '2026-08-01';
  const CODES = 'hcpcs/2026-jul/codes.pack';
  const MODIFIERS = 'hcpcs/2026-jul/modifiers.pack';
  const POS = [...FILES.keys()].find((p) => p.startsWith('pos/') && p.endsWith('.pack'))!;
  const json = (path: string, name: string) => {
    const file = path.split('/').at(-1)!;
    return PackReader.fromBuffer(FILES.get(path)!, file).json(name) as unknown[][];
  };

  it('a row whose cell is of another kind is refused, not read as empty', () => {
    // Every place of service with its code as a number: read as '', no code would be found.
    const pos = json(POS, 'pos').map((r) => [11, ...r.slice(1)]);
    expectInconsistent(
      () =>
        createHcpcsSystem({ packs: replaced(POS, 'pos', pos) })
          .placesOfService.at(ON)
          .get('11'),
      /rows of 5 columns of text/,
    );
    const modifiers = json(MODIFIERS, 'modifiers').map((r) => [...r.slice(0, 2), null, ...r.slice(3)]);
    expectInconsistent(
      () =>
        createHcpcsSystem({ packs: replaced(MODIFIERS, 'modifiers', modifiers) })
          .modifiers.at(ON)
          .get('GA'),
      /rows of 7 columns of text/,
    );
    // G0008's row with its pricing indicators as text rather than a list.
    const codes = replaced(CODES, 'rows', (text: string) =>
      text
        .split('\n')
        .map((line) => (line.startsWith('["G0008"') ? JSON.stringify(JSON.parse(line).with(3, '11')) : line))
        .join('\n'),
    );
    expectInconsistent(
      () => createHcpcsSystem({ packs: codes }).at(ON).get('G0008'),
      /does not match code G0008/,
    );
    expect(createHcpcsSystem({ packs: codes }).at(ON).get('G0009')?.code).toBe('G0009');
  });

  it('a code given twice, or codes out of order, is refused: one row would be unreachable by lookup', () => {
    const pos = json(POS, 'pos');
    const twice = replaced(POS, 'pos', [pos[0], ...pos]);
    expectInconsistent(
      () => createHcpcsSystem({ packs: twice }).placesOfService.at(ON).get('11'),
      /repeats a code or is out of order/,
    );
    const swapped = replaced(CODES, 'codes', (text: string) => {
      const [a, b, ...rest] = text.split('\n');
      return [b, a, ...rest].join('\n');
    });
    expectInconsistent(() => createHcpcsSystem({ packs: swapped }).at(ON).get('G0008'), /out of order/);
  });
});

describe('CMS-HCC model pack', () => {
  const MODEL = [...FILES.keys()].find((p) => p.startsWith('hcc/') && p.endsWith('model.pack'))!;
  const score = (packs: PackSource) =>
    createHccSystem({ packs })
      .at(2026)
      .score({ sex: 'F', age: 70, diagnoses: ['E1122'] });

  it('a table row the model refuses is the pack’s inconsistency, naming the file', () => {
    const use = () => score(replaced(MODEL, 'hierarchies', [null]));
    expectInconsistent(use, /model\.pack/);
    expectInconsistent(use, /hierarchies\[0\]/);
  });

  it('a sex edit other than the mapping file’s 1 and 2 is refused, not read as female', () => {
    const packs = replaced(MODEL, 'mappings', (text: string) => text.replace(/,1$/m, ',3'));
    expectInconsistent(() => score(packs), /sex edit "3"/);
  });
});
