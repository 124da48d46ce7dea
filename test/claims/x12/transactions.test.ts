/**
 * An 837P cut into transaction sets and read piece by piece (the sets as a worker thread reads
 * them) gives exactly the items one reader gives for the whole input, in the same order: positions,
 * envelope counts and issues included, however the bytes are chunked and however the input is
 * broken.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseX12837PStream, toX12837P } from '../../../src/claims/x12';
import type { X12ReadItem } from '../../../src/claims/x12';
import { X12TransactionSplitter, readX12Transactions } from '../../../src/claims/x12/transactions';
import type { X12Piece } from '../../../src/claims/x12/transactions';
import type { Claim } from '../../../src/claims/schema';
import { DEPENDENT, DRUG_AND_ANESTHESIA, ENVELOPE, OFFICE_VISIT } from './samples';
import { chunks } from './chunks';

const UTF8 = new TextEncoder();
const PROPERTY_RUNS = process.env.MEDCODE_PROPERTY_RUNS === 'full' ? 300 : 60;

/** Claims with distinct ids, an accented name among them (the reader must decode UTF-8 across cuts). */
function claims(n: number): Claim[] {
  const bases = [OFFICE_VISIT, DEPENDENT, DRUG_AND_ANESTHESIA];
  return Array.from({ length: n }, (_, i) => {
    const base = bases[i % bases.length]!;
    return { ...base, claimId: `PCN-${i}` };
  });
}

function write(list: readonly Claim[], perTransaction: number, lineBreaks: boolean): string {
  const r = toX12837P(list, { ...ENVELOPE, maxClaimsPerTransaction: perTransaction, lineBreaks });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.replaceAll('*SMITH*', '*SMÏTH*');
}

async function whole(parts: readonly Uint8Array[]): Promise<X12ReadItem[]> {
  const items: X12ReadItem[] = [];
  for await (const item of parseX12837PStream(parts)) items.push(item);
  return items;
}

/** The items of the pieces, the sets read as a worker reads them; and how many sets were cut out. */
function split(parts: readonly Uint8Array[]): { items: X12ReadItem[]; sets: number } {
  const splitter = new X12TransactionSplitter();
  const pieces: X12Piece[] = [];
  for (const part of parts) pieces.push(...splitter.push(part));
  pieces.push(...splitter.end());
  const items: X12ReadItem[] = [];
  let sets = 0;
  for (const piece of pieces) {
    if (piece.kind === 'items') items.push(...piece.items);
    else {
      sets += piece.count;
      items.push(...readX12Transactions(piece.bytes, piece.at));
    }
  }
  return { items, sets };
}

const plain = (items: readonly X12ReadItem[]) => JSON.parse(JSON.stringify(items)) as unknown;

describe('X12TransactionSplitter with readX12Transactions', () => {
  it('cuts out every transaction set of a clean interchange and reads the same items', async () => {
    const text = write(claims(40), 7, true);
    const bytes = UTF8.encode(text);
    const parts = chunks(bytes, [100, 2000, 2001, 5000, 9000]);
    const { items, sets } = split(parts);
    expect(sets).toBe(6);
    expect(plain(items)).toEqual(plain(await whole(parts)));
    expect(items.filter((i) => i.kind === 'claim')).toHaveLength(40);
  });

  it('reads the same items with the input cut in two at every byte', async () => {
    const bytes = UTF8.encode(write(claims(4), 2, true));
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parts = [bytes.slice(0, cut), bytes.slice(cut)];
      const { items, sets } = split(parts);
      expect(plain(items)).toEqual(plain(await whole(parts)));
      expect(sets).toBe(2);
    }
  });

  it('reads the same items however the bytes are chunked, with or without line breaks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        async (cuts, perTransaction, lineBreaks) => {
          const parts = chunks(UTF8.encode(write(claims(13), perTransaction, lineBreaks)), cuts);
          expect(plain(split(parts).items)).toEqual(plain(await whole(parts)));
        },
      ),
      { numRuns: PROPERTY_RUNS, seed: 837 },
    );
  });

  it('reads the same items for broken input: segments dropped, doubled or garbled, bytes cut out', async () => {
    const text = write(claims(12), 3, true);
    const segments = text.split('~');
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('double' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('garble' as const), at: fc.nat(), text: fc.string({ maxLength: 6 }) }),
      fc.record({
        kind: fc.constant('envelope' as const),
        at: fc.nat(),
        text: fc.constantFrom(
          'ST*837*9999*005010X222A1',
          'SE*3*9999',
          'GE*1*1',
          'GS*HC*A*B*20260101*1200*7*X*005010X222A1',
          'IEA*1*000000001',
          '',
          ' \n',
          'st*837',
          'SE',
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(edit, { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (edits, cuts) => {
          const list = [...segments];
          for (const e of edits) {
            const at = e.at % list.length;
            if (e.kind === 'drop') list.splice(at, 1);
            else if (e.kind === 'double') list.splice(at, 0, list[at]!);
            else if (e.kind === 'garble') list[at] = `${list[at]!.slice(0, 3)}${e.text}`;
            else list.splice(at, 0, e.text);
          }
          const parts = chunks(UTF8.encode(list.join('~')), cuts);
          expect(plain(split(parts).items)).toEqual(plain(await whole(parts)));
        },
      ),
      { numRuns: PROPERTY_RUNS, seed: 5010 },
    );
  });

  it('reads two interchanges, a byte-order mark and a GS that is not 837P as one reader does', async () => {
    const a = write(claims(5), 2, false);
    const b = write(claims(4), 1, true).replace('GS*HC*', 'GS*HP*');
    const c = write(claims(3), 1, false).replaceAll('*', '|');
    for (const text of [`\uFEFF${a}\n${a}`, `${a}${b}${a}`, `${a}\r\n${c}\r\n${a}`]) {
      const parts = chunks(UTF8.encode(text), [1, 2, 3, 700, 701, 3000]);
      const { items, sets } = split(parts);
      expect(plain(items)).toEqual(plain(await whole(parts)));
      expect(sets).toBeGreaterThan(0);
    }
  });

  it('holds about a piece of what it cannot cut out, not the file', () => {
    // A group that is not 837P (GS01 HP) of 240 sets: nothing is cut out, and what is looked
    // through is read as it comes.
    const text = write(claims(12_000), 50, true).replace('GS*HC*', 'GS*HP*');
    const bytes = UTF8.encode(text);
    expect(bytes.length).toBeGreaterThan(6_000_000);
    const splitter = new X12TransactionSplitter();
    const before = process.memoryUsage().arrayBuffers;
    let held = 0;
    for (let at = 0; at < bytes.length; at += 65_536) {
      for (const piece of splitter.push(bytes.subarray(at, at + 65_536))) expect(piece.kind).toBe('items');
      held = Math.max(held, process.memoryUsage().arrayBuffers - before);
    }
    splitter.end();
    expect(held).toBeLessThan(bytes.length / 5);
  });

  it('answers arguments of the wrong kind with an invalid_type issue, and reads hostile bytes as one reader does', async () => {
    const splitter = new X12TransactionSplitter();
    for (const wrong of [null, 'ISA*00*', [73, 83, 65], { length: 3 }]) {
      const pieces = splitter.push(wrong as unknown as Uint8Array);
      expect(pieces).toMatchObject([
        { kind: 'items', items: [{ kind: 'issue', issue: { code: 'invalid_type' } }] },
      ]);
    }
    const set = UTF8.encode('ST*837*0001*005010X222A1~SE*2*0001~');
    const separators = { element: '*', component: ':', repetition: '^', segment: '~' };
    const good = { isa: ['ISA'], gs: ['GS'], separators, position: 3 };
    for (const [bytes, where] of [
      ['ST*837' as unknown as Uint8Array, good],
      [set, null],
      [set, {}],
      [set, { ...good, position: 0 }],
      [set, { ...good, separators: { ...separators, segment: '~~' } }],
      [set, { ...good, isa: '__proto__' }],
    ] as const) {
      const items = [...readX12Transactions(bytes, where as never)];
      expect(items).toMatchObject([{ kind: 'issue', issue: { code: 'invalid_type' } }]);
    }
    // A megabyte that is not X12, 'ſ9083' over and over: what one reader says, quickly.
    const junk = UTF8.encode('ſ9083'.repeat(200_000));
    const parts = chunks(junk, [65_536, 131_072]);
    expect(plain(split(parts).items)).toEqual(plain(await whole(parts)));
  });

  it('leaves a segment past the tokenizer limit, and what follows, to the reader of the whole input', async () => {
    const text = write(claims(6), 2, true);
    const at = text.indexOf('NM1*IL');
    const long = `${text.slice(0, at)}NTE*ADD*${'x'.repeat(70_000)}~${text.slice(at)}`;
    const bytes = UTF8.encode(long);
    for (const size of [65_536, 16_384, bytes.length]) {
      const parts = chunks(
        bytes,
        Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size),
      );
      expect(plain(split(parts).items)).toEqual(plain(await whole(parts)));
    }
  });
});
