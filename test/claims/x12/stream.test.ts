import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { parseX12837PStream, toX12837P } from '../../../src/claims/x12';
import type { X12ReadItem } from '../../../src/claims/x12';
import type { Claim } from '../../../src/claims/schema';
import { DEPENDENT, DRUG_AND_ANESTHESIA, ENVELOPE, OFFICE_VISIT } from './samples';
import { readX12 } from './read-all';
import { chunks } from './chunks';

const ACCENTED: Claim = {
  ...DEPENDENT,
  claimId: 'PCN-É',
  patient: { ...DEPENDENT.patient, lastName: 'NÚÑEZ' },
};
const CLAIMS = [OFFICE_VISIT, ACCENTED, DRUG_AND_ANESTHESIA];

/**
 * Writes the claims, then puts the accents back: the writer refuses letters outside the X12
 * character sets (or folds them, with `transliterate`), but other senders write UTF-8 and the
 * reader must decode it across chunk boundaries.
 */
function write(claims: readonly Claim[], extra: Partial<typeof ENVELOPE> = {}): string {
  const r = toX12837P(claims, { ...ENVELOPE, transliterate: true, ...extra });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value.replaceAll('NUNEZ', 'NÚÑEZ').replace(/(CLM[^A-Z0-9]PCN-(?:\d+-)?)E(?=[^A-Z0-9])/g, '$1É');
}

async function collect(source: Parameters<typeof parseX12837PStream>[0]): Promise<X12ReadItem[]> {
  const items: X12ReadItem[] = [];
  for await (const item of parseX12837PStream(source)) items.push(item);
  return items;
}
const claimsOf = (items: readonly X12ReadItem[]) =>
  items.flatMap((i) => (i.kind === 'claim' ? [i.claim] : []));

describe('parseX12837PStream', () => {
  const x12 = write(CLAIMS, { lineBreaks: true });
  const bytes = new TextEncoder().encode(x12);

  it('yields the same claims as fromX12837P however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        const items = await collect(chunks(bytes, cuts));
        expect(claimsOf(items)).toEqual(CLAIMS);
        expect(items.filter((i) => i.kind === 'issue' || i.kind === 'rejected')).toEqual([]);
      }),
      { numRuns: 100, seed: 5010 },
    );
    expect(readX12(x12).claims).toEqual(CLAIMS);
  });

  it('reads a Node Readable one byte at a time, with claims then the transaction in order', async () => {
    const items = await collect(
      Readable.from(
        chunks(
          bytes,
          Array.from({ length: bytes.length }, (_, i) => i),
        ),
      ),
    );
    expect(items.map((i) => i.kind)).toEqual(['claim', 'claim', 'claim', 'transaction']);
    expect(items[3]).toMatchObject({ kind: 'transaction', controlNumber: '0001', ok: true, claims: 3 });
  });

  it('reads a web ReadableStream of bytes', async () => {
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks(bytes, [10, 500, 501, 1500])) controller.enqueue(c);
        controller.close();
      },
    });
    expect(claimsOf(await collect(web as unknown as AsyncIterable<Uint8Array>))).toEqual(CLAIMS);
  });

  it('reads several interchanges with different separators back to back', async () => {
    const second = write([DEPENDENT], {
      interchangeControlNumber: 102,
      separators: { element: '|', component: '>', repetition: '!', segment: "'" },
    });
    const items = await collect([x12, '\r\n', second]);
    expect(claimsOf(items)).toEqual([...CLAIMS, DEPENDENT]);
    expect(
      items.filter((i) => i.kind === 'transaction').map((i) => i.kind === 'transaction' && i.ok),
    ).toEqual([true, true]);
  });

  it('rejects the claim cut off by the end of the stream and reports the truncation', async () => {
    const cut = x12.slice(0, x12.indexOf('LX*2~', x12.indexOf('CLM*PCN-3003')));
    const items = await collect(Readable.from([cut]));
    expect(claimsOf(items)).toEqual(CLAIMS.slice(0, 2));
    const rejected = items.find((i) => i.kind === 'rejected');
    expect(rejected).toMatchObject({ kind: 'rejected', claimId: 'PCN-3003' });
    expect(
      rejected?.kind === 'rejected' && rejected.issues.map((i) => i.code === 'x12_syntax' && i.reason),
    ).toEqual(['truncated']);
  });

  it('marks a transaction whose SE count is wrong as not ok', async () => {
    const items = await collect([x12.replace(/SE\*(\d+)\*/, (_, n: string) => `SE*${Number(n) + 1}*`)]);
    expect(items.find((i) => i.kind === 'transaction')).toMatchObject({ ok: false });
  });

  it('survives a source that fails midway and bad sources', async () => {
    async function* failing() {
      yield x12.slice(0, 2000);
      throw new Error('disk gone');
    }
    const items = await collect(failing());
    const issues = items.flatMap((i) =>
      i.kind === 'issue' ? [i.issue] : i.kind === 'rejected' ? i.issues : [],
    );
    expect(issues.some((i) => i.code === 'x12_syntax' && i.reason === 'truncated')).toBe(true);
    const got = claimsOf(items);
    expect(got.length).toBeLessThan(3);
    expect(got).toEqual(CLAIMS.slice(0, got.length));
    for (const bad of [null, 42, {}, 'not-iterable-object-but-string']) {
      const got = await collect(bad as never);
      expect(got.some((i) => i.kind === 'issue')).toBe(true);
      expect(claimsOf(got)).toEqual([]);
    }
  });

  it('fromX12837P reads a text larger than its 1 MiB slices, and agrees with the stream', async () => {
    const many = Array.from({ length: 2400 }, (_, i) => ({
      ...(i % 2 ? ACCENTED : OFFICE_VISIT),
      claimId: `PCN-${i}-É`,
    }));
    const big = write(many, { lineBreaks: true, maxClaimsPerTransaction: 1000 });
    expect(big.length).toBeGreaterThan(1 << 20);
    const r = readX12(big);
    expect(r.issues).toEqual([]);
    expect(r.claims).toEqual(many);
    const items = await collect(Readable.from(Buffer.from(big, 'utf8'), { objectMode: false }));
    expect(claimsOf(items)).toEqual(many);
    expect(items.filter((i) => i.kind === 'transaction')).toHaveLength(3);
  });

  it('keeps only the unfinished tail in memory: a runaway segment is cut off, not buffered', async () => {
    async function* endless() {
      yield x12.slice(0, 200);
      for (let i = 0; i < 50; i++) yield 'A'.repeat(10_000);
    }
    const items = await collect(endless());
    expect(
      items
        .filter((i) => i.kind === 'issue')
        .map((i) => i.kind === 'issue' && i.issue.code === 'x12_syntax' && i.issue.reason),
    ).toEqual(['segment_too_long']);
  });
});
