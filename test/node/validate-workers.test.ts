/**
 * validateClaimsInWorkers (medcode/node): the same items as validateClaims, in input order, on
 * worker threads; the input is read no further ahead than the window; a worker stopped mid-batch
 * turns the claims it held into `worker_failed` results and the stream goes on; a claim that
 * cannot cross to a thread fails alone; options that cannot cross are refused up front.
 */
import { describe, expect, it } from 'vitest';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { MedcodeError } from '../../src/core/errors';
import { MAX_CLAIM_JSON_CHARACTERS } from '../../src/claims/limits';
import { importCodeSets } from '../../src/import/index';
import { loadAocTable } from '../../src/ncci/index';
import { importedValidatorData } from '../../src/node/imported-editions';
import { createClaimValidationPool, folderSource, validateClaimsInWorkers } from '../../src/node/index';
import { validateClaims } from '../../src/rules/index';
import type { ClaimsValidationLines } from '../../src/node/index';
import type { ClaimValidation, ClaimsValidationItem } from '../../src/rules/index';

const REPO = resolve(import.meta.dirname, '..', '..');
const today = '2026-11-27';
const EXAMPLES = [
  'clean-office-visit',
  'em-with-procedure-needs-modifier-25',
  'excludes1-pair',
  'mue-exceeded',
];
const bases = EXAMPLES.map(
  (name) =>
    JSON.parse(readFileSync(join(REPO, 'examples', `${name}.json`), 'utf8')) as Record<string, unknown>,
);
/**
 * Example claims with distinct ids; every fifth one is not a claim at all (a schema failure), and
 * every sixth carries text beyond ASCII (results cross threads as UTF-8 bytes).
 */
function claims(n: number): unknown[] {
  return Array.from({ length: n }, (_, i) =>
    i % 5 === 4
      ? { claimId: `BROKEN-${i}`, lines: 'none' }
      : { ...bases[i % bases.length], claimId: i % 6 === 1 ? `W-${i}-Zoë—日本` : `W-${i}` },
  );
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The MedcodeError a stream refuses with on its first read, and its first issue. */
async function refusal(stream: AsyncGenerator<unknown>): Promise<MedcodeError['issues'][number]> {
  const error = await stream.next().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MedcodeError);
  return (error as MedcodeError).issues[0]!;
}

/** Results as they would be written out (a worker's results cross threads as JSON text). */
const asJson = (items: readonly ClaimsValidationItem[]) => JSON.parse(JSON.stringify(items)) as unknown;

describe('validateClaimsInWorkers', () => {
  it('yields what validateClaims yields, in input order, in both output forms', async () => {
    const input = claims(120);
    const expected = await collect(validateClaims(input, { today }));
    const pooled = await collect(validateClaimsInWorkers(input, { today, workers: 2, batchSize: 7 }));
    expect(pooled.map((i) => i.index)).toEqual(input.map((_, i) => i));
    expect(asJson(pooled)).toEqual(asJson(expected));
    expect(pooled.some((i) => i.result.status === 'failed')).toBe(true);
    expect(pooled.some((i) => i.result.status === 'passed')).toBe(true);

    const text = await collect(
      validateClaimsInWorkers(
        (async function* () {
          yield* input;
        })(),
        { today, workers: 2, batchSize: 5, output: 'json' },
      ),
    );
    expect(text.map((t) => [t.index, t.claimId, t.status])).toEqual(
      expected.map((e) => [e.index, e.claimId, e.result.status]),
    );
    expect(text.map((t) => JSON.parse(t.json) as unknown)).toEqual(
      expected.map((e) => JSON.parse(JSON.stringify(e.result)) as unknown),
    );
    // The bytes are the UTF-8 of the same text, each claim's own (not its batch's).
    expect(text.map((t) => Buffer.from(t.bytes).toString('utf8'))).toEqual(text.map((t) => t.json));
    expect(text.some((t) => t.json.includes('Zoë—日本'))).toBe(true);
  });

  it('claims given as JSON text: their claimIds, and oversized text refused unread, as on one thread', async () => {
    const objects = claims(12);
    const oversized = `{"claimId":"BIG","pad":"${'x'.repeat(MAX_CLAIM_JSON_CHARACTERS)}"}`;
    // Text and objects mixed in one batch, a malformed text and one over the size limit.
    const input: unknown[] = [
      ...objects.map((c, i) => (i % 2 === 0 ? JSON.stringify(c) : c)),
      '{"claimId":',
      oversized,
    ];
    const expected = await collect(validateClaims(input, { today }));
    expect(expected.map((i) => i.claimId)).toEqual([
      ...objects.map((c) => (c as { claimId: string }).claimId),
      undefined,
      undefined,
    ]);
    const pooled = await collect(validateClaimsInWorkers(input, { today, workers: 1, batchSize: 8 }));
    expect(asJson(pooled)).toEqual(asJson(expected));
    const text = await collect(
      validateClaimsInWorkers(input, { today, workers: 1, batchSize: 8, output: 'json' }),
    );
    expect(text.map((t) => [t.claimId, JSON.parse(t.json) as unknown])).toEqual(
      expected.map((e) => [e.claimId, JSON.parse(JSON.stringify(e.result)) as unknown]),
    );
    const last = expected.at(-1)!.result.issues;
    expect(last.map((i) => [i.code, 'element' in i ? i.element : undefined])).toEqual([
      ['claim_limit_exceeded', 'characters'],
    ]);
  });

  it('reads the input no further ahead than its window of batches', async () => {
    let pulled = 0;
    function* source() {
      for (const claim of claims(400)) {
        pulled++;
        yield claim;
      }
    }
    const stream = validateClaimsInWorkers(source(), {
      today,
      workers: 1,
      batchSize: 10,
      maxBatchesInFlight: 3,
    });
    const first = await stream.next();
    expect(first.done).toBe(false);
    // Three batches of ten in flight, and the fourth batch not yet begun.
    expect(pulled).toBeLessThanOrEqual(30);
    await stream.return(undefined);
    expect(pulled).toBeLessThanOrEqual(40);
  });

  it('turns a worker stopped mid-batch into worker_failed results and goes on with a new one', async () => {
    const input = claims(300);
    const expected = asJson(await collect(validateClaims(input, { today }))) as { result: unknown }[];
    const threads: Worker[] = [];
    const items: ClaimsValidationItem[] = [];
    for await (const item of validateClaimsInWorkers(input, {
      today,
      workers: 1,
      batchSize: 20,
      onWorker: (thread) => {
        threads.push(thread);
        // Stop the only worker while it still loads its packs and holds the first batches: none
        // of them can have been answered (a stop after a first result raced a fast worker).
        if (threads.length === 1) void thread.terminate();
      },
    })) {
      items.push(item);
    }
    expect(threads.length).toBe(2);
    expect(items.map((i) => i.index)).toEqual(input.map((_, i) => i));
    const lost = items.filter((i) => i.result.issues.some((e) => e.code === 'worker_failed'));
    expect(lost.length).toBeGreaterThan(0);
    for (const item of lost) {
      expect(item.result.ok).toBe(false);
      expect(item.result.status).toBe('failed');
      expect(item.result.issues[0]).toMatchObject({
        code: 'worker_failed',
        reason: 'crashed',
        severity: 'error',
      });
    }
    // Every claim not lost has its own result; the new worker validated the tail of the stream.
    const answered = items.filter((i) => !lost.includes(i));
    for (const item of answered) expect(asJson([item])).toEqual([expected[item.index]]);
    expect(answered.at(-1)!.index).toBe(input.length - 1);
  });

  it('fails a claim that cannot be sent to a thread, and only that claim', async () => {
    const input = claims(12);
    input[3] = { ...(input[3] as object), note: () => 'a function' };
    const items = await collect(validateClaimsInWorkers(input, { today, workers: 1, batchSize: 6 }));
    expect(items.length).toBe(12);
    const refused = items.filter((i) => i.result.issues.some((e) => e.code === 'worker_failed'));
    expect(refused.map((i) => i.index)).toEqual([3]);
    expect(refused[0]!.result.issues[0]).toMatchObject({ reason: 'not_cloneable' });
    expect(items[2]!.result.issues.some((e) => e.code === 'worker_failed')).toBe(false);
  });

  it('refuses options that cannot cross to a worker thread, before starting any', () => {
    const stream = validateClaimsInWorkers([], { today, customRules: [] } as never);
    return stream.next().then(
      () => expect.unreachable(),
      (error: unknown) => {
        expect(error).toBeInstanceOf(MedcodeError);
        expect((error as MedcodeError).issues[0]).toMatchObject({
          code: 'invalid_option',
          path: ['customRules'],
        });
      },
    );
  });

  it('refuses loaded tables and options that are not plain data', async () => {
    for (const [options, path] of [
      [{ ptp: { tables: [] } }, 'ptp.tables'],
      [{ aoc: { tables: [loadAocTable()] } }, 'aoc.tables'],
      [{ extraCodesetsDirs: 'imported' }, 'extraCodesetsDirs'],
      [{ extraCodesetsDirs: [join(REPO, 'no-such-folder')] }, 'extraCodesetsDirs[0]'],
      [{ onWorker: 'log' }, 'onWorker'],
      [{ ptpPacks: '__proto__' }, 'ptpPacks'],
      [{ ptpPacks: [join(REPO, 'no-such.pack')] }, 'ptpPacks[0]'],
      [{ ptpPacks: [REPO] }, 'ptpPacks[0]'],
      [{ packs: join(REPO, 'no-such-folder') }, 'packs'],
      [{ codesetsDir: join(REPO, 'no-such-folder') }, 'codesetsDir'],
      [{ codesetsDir: 5 }, 'codesetsDir'],
      [{ history: [() => 0] }, 'options'],
    ] as const) {
      expect(await refusal(validateClaimsInWorkers([], { today, ...options } as never))).toMatchObject({
        code: 'invalid_option',
        path: [path],
      });
    }
  });

  it('reports a pack file it cannot read as one thread does, with the cause, not as a missing pack', async () => {
    // FY2026's ICD-10-CM folder with its codes pack unreadable (a link to itself, which no system
    // call can open), and FY2027's without its codes pack: a read error and a missing file are
    // told apart.
    const tmp = mkdtempSync(join(tmpdir(), 'medcode-workers-unreadable-'));
    try {
      for (const system of readdirSync(join(REPO, 'codesets')))
        if (system !== 'icd10cm' && statSync(join(REPO, 'codesets', system)).isDirectory())
          symlinkSync(join(REPO, 'codesets', system), join(tmp, system));
      for (const edition of readdirSync(join(REPO, 'codesets', 'icd10cm'))) {
        const from = join(REPO, 'codesets', 'icd10cm', edition);
        mkdirSync(join(tmp, 'icd10cm', edition), { recursive: true });
        for (const file of readdirSync(from))
          if (file !== 'codes.pack') symlinkSync(join(from, file), join(tmp, 'icd10cm', edition, file));
      }
      symlinkSync('codes.pack', join(tmp, 'icd10cm', 'fy2026', 'codes.pack'));
      // The first claim's services fall in FY2027, the others' in FY2026.
      const input = claims(6).map((claim, i) => {
        if (i !== 0) return claim;
        const { lines } = claim as { lines: Record<string, unknown>[] };
        return { ...(claim as object), lines: lines.map((line) => ({ ...line, serviceDate: '2026-10-15' })) };
      });
      const pooled = await collect(validateClaimsInWorkers(input, { today, workers: 2, packs: tmp }));
      const oneThread = await collect(validateClaims(input, { today, packs: folderSource(tmp) }));
      // One thread reads a folder's packs by ranges (its error names `stat`), a worker whole (`open`).
      const sameCall = (items: readonly ClaimsValidationItem[]) =>
        JSON.stringify(asJson(items)).replace(/(stat|open) '/g, "read '");
      expect(sameCall(pooled)).toBe(sameCall(oneThread));
      const details = pooled.flatMap((item) =>
        item.result.issues.flatMap((issue) => (issue.code === 'pack_error' ? [issue.detail] : [])),
      );
      expect(details.some((d) => /fy2026\/codes\.pack: ELOOP/.test(d))).toBe(true);
      expect(details.some((d) => /fy2027\/codes\.pack: the source does not hold it/.test(d))).toBe(true);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('reads folders of imported editions (extraCodesetsDirs) as one thread reads them merged with the packs', async () => {
    // A packs folder as if medcode had shipped no MUE table, and the CMS practitioner MUE file
    // of April 2026 imported beside it.
    const tmp = mkdtempSync(join(tmpdir(), 'medcode-workers-imported-'));
    try {
      const base = join(tmp, 'base');
      mkdirSync(base);
      for (const system of readdirSync(join(REPO, 'codesets')))
        if (system !== 'ncci-mue' && statSync(join(REPO, 'codesets', system)).isDirectory())
          symlinkSync(join(REPO, 'codesets', system), join(base, system));
      const imported = join(tmp, 'imported');
      const mueFile = join(REPO, 'codesets/sources/ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv');
      const done = await importCodeSets([mueFile], { out: imported });
      expect(done.ok).toBe(true);
      const input = claims(12);
      const mueEdits = (items: readonly ClaimsValidationItem[]) =>
        items.flatMap((item) => item.result.issues.filter((e) => e.code === 'mue_exceeded'));
      const without = await collect(validateClaimsInWorkers(input, { today, workers: 2, packs: base }));
      expect(mueEdits(without)).toEqual([]);
      expect(without[3]!.result.skipped.map((s) => s.rule)).toContain('ncci-mue');

      const pooled = await collect(
        validateClaimsInWorkers(input, { today, workers: 2, packs: base, extraCodesetsDirs: [imported] }),
      );
      const data = importedValidatorData(folderSource(base), [folderSource(imported)]);
      const oneThread = await collect(validateClaims(input, { today, packs: data.packs }));
      expect(asJson(pooled)).toEqual(asJson(oneThread));
      expect(mueEdits(pooled).length).toBeGreaterThan(0);
      expect(mueEdits(pooled)[0]).toMatchObject({ dataVersion: expect.stringMatching(/2026/) });
      expect(pooled[3]!.result.skipped.map((s) => s.rule)).not.toContain('ncci-mue');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('yields every result for the claims read before a source fails, in order, then its error, as validateClaims does', async () => {
    const input = claims(120);
    const failure = new Error('the source failed at claim 53');
    /** The claims up to the 53rd, then the failure: a fresh source each time it is called. */
    async function* source() {
      for (const [i, claim] of input.entries()) {
        if (i === 53) throw failure;
        yield claim;
      }
    }
    /** The items a stream yields before it throws, and what it throws. */
    async function drain<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
      const items: T[] = [];
      try {
        for await (const item of stream) items.push(item);
      } catch (error) {
        return { items, error };
      }
      return { items, error: undefined };
    }
    const expected = await drain(validateClaims(source(), { today }));
    expect(expected.items).toHaveLength(53);
    expect(expected.error).toBe(failure);
    for (const batchSize of [10, 128]) {
      const pooled = await drain(validateClaimsInWorkers(source(), { today, workers: 2, batchSize }));
      expect(pooled.error).toBe(failure);
      expect(asJson(pooled.items)).toEqual(asJson(expected.items));
    }
    const pool = createClaimValidationPool({ today, workers: 2 });
    try {
      const pooled = await drain(pool.validate(source(), { batchSize: 10, output: 'json' }));
      expect(pooled.error).toBe(failure);
      expect(pooled.items.map((item) => JSON.parse(item.json) as unknown)).toEqual(
        (asJson(expected.items) as { result: unknown }[]).map((item) => item.result),
      );
      // The pool goes on with the next stream.
      expect(await collect(pool.validate(input.slice(0, 5)))).toHaveLength(5);
    } finally {
      await pool.close();
    }
  });

  describe("input: 'ndjson'", () => {
    /**
     * NDJSON text: claims (with text beyond ASCII), blank and whitespace-only lines, CRLF line
     * ends, a line that is not JSON, JSON values that are not claims, and no newline at the end.
     */
    function ndjsonText(n: number): { text: string; lines: string[] } {
      const lines = claims(n).map((claim) => JSON.stringify(claim));
      lines.splice(3, 0, '{"claimId": "CUT-OFF", "lines": [');
      lines.splice(7, 0, '"just a string"', '42', 'null', '[]');
      const text = lines
        .map((line, i) => (i % 9 === 2 ? `${line}\r\n \t\n` : i % 11 === 5 ? `${line}\n\n` : `${line}\n`))
        .join('')
        .replace(/\n$/, '');
      return { text, lines };
    }
    /** The bytes in pieces of uneven sizes, cut anywhere (inside lines and UTF-8 characters too). */
    function* pieces(text: string): Generator<Uint8Array> {
      const bytes = Buffer.from(text, 'utf8');
      for (let at = 0, k = 0; at < bytes.length; k++) {
        const size = [1, 7, 333, 4096, 50][k % 5]!;
        yield bytes.subarray(at, at + size);
        at += size;
      }
    }

    it('yields what validateClaims yields for the same lines, whatever the chunk and piece sizes', async () => {
      const { text, lines } = ndjsonText(90);
      const expected = asJson(await collect(validateClaims(lines, { today })));
      for (const chunkBytes of [1, 900, 1 << 20]) {
        const pooled = await collect(
          validateClaimsInWorkers(pieces(text), { today, workers: 2, input: 'ndjson', chunkBytes }),
        );
        expect(pooled.map((i) => i.index)).toEqual(lines.map((_, i) => i));
        // claimId comes from the worker (this thread never parsed the line).
        expect(pooled.map((i) => i.claimId)).toEqual(
          lines.map((line) => {
            try {
              const id = (JSON.parse(line) as { claimId?: unknown } | null)?.claimId;
              return typeof id === 'string' ? id : undefined;
            } catch {
              return undefined;
            }
          }),
        );
        expect(asJson(pooled.map((i) => ({ ...i, claimId: undefined })))).toEqual(
          (expected as object[]).map((e) => ({ ...e, claimId: undefined })),
        );
      }
      // A byte-order mark at the start of the file is not part of the first claim.
      const marked = await collect(
        validateClaimsInWorkers(pieces(`\uFEFF${text}`), { today, workers: 1, input: 'ndjson' }),
      );
      expect(asJson(marked.map((i) => ({ ...i, claimId: undefined })))).toEqual(
        (expected as object[]).map((e) => ({ ...e, claimId: undefined })),
      );
      const malformed = (
        await collect(validateClaimsInWorkers([text], { today, workers: 1, input: 'ndjson' }))
      )[3]!;
      expect(malformed.result.issues[0]).toMatchObject({
        code: 'claim_json_malformed',
        rule: 'claim-schema',
      });
    });

    it('reads a chunk past the size the worker decodes at once, a line longer than that too', async () => {
      // 200 claims (about 230 KB) in one chunk: the worker decodes it in groups of whole lines of
      // at most 64 KiB; one claim is padded with JSON whitespace to 70 KB, a line alone longer
      // than a group, and every sixth carries characters of two and three UTF-8 bytes.
      const lines = claims(200).map((claim) => JSON.stringify(claim));
      lines[120] = lines[120]!.replace('{', `{${' '.repeat(70_000)}`);
      const expected = asJson(await collect(validateClaims(lines, { today })));
      const pooled = await collect(
        validateClaimsInWorkers([`${lines.join('\n')}\n`], {
          today,
          workers: 1,
          input: 'ndjson',
          chunkBytes: 1 << 20,
        }),
      );
      expect(pooled.map((i) => i.claimId)).toEqual(
        lines.map((line) => (JSON.parse(line) as { claimId: string }).claimId),
      );
      expect(asJson(pooled.map((i) => ({ ...i, claimId: undefined })))).toEqual(
        (expected as object[]).map((e) => ({ ...e, claimId: undefined })),
      );
    });

    it("gives a batch's results as JSON lines to write as they are with output: 'json-lines'", async () => {
      const { text, lines } = ndjsonText(60);
      const expected = await collect(validateClaims(lines, { today }));
      const batches = await collect(
        validateClaimsInWorkers([text], {
          today,
          workers: 2,
          input: 'ndjson',
          chunkBytes: 2000,
          output: 'json-lines',
        }),
      );
      expect(batches.length).toBeGreaterThan(1);
      expect(batches.map((b) => b.index)).toEqual(
        batches.map((_, k) => batches.slice(0, k).reduce((n, b) => n + b.count, 0)),
      );
      const written = Buffer.concat(batches.map((b) => b.bytes)).toString('utf8');
      expect(written).toBe(expected.map((e) => `${JSON.stringify(e.result)}\n`).join(''));
      expect(batches.flatMap((b) => b.statuses)).toEqual(expected.map((e) => e.result.status));
    });

    it("gives a released batch's memory to later batches, each batch read whole before its release", async () => {
      const { text, lines } = ndjsonText(90);
      const expected = await collect(validateClaims(lines, { today }));
      const written: string[] = [];
      let batches = 0;
      for await (const batch of validateClaimsInWorkers([text], {
        today,
        workers: 1,
        input: 'ndjson',
        chunkBytes: 1500,
        output: 'json-lines',
      })) {
        written.push(Buffer.from(batch.bytes).toString('utf8'));
        batch.release();
        // Detached at once: a view kept past its release reads as empty, not as a later batch.
        expect(batch.bytes.length).toBe(0);
        batch.release();
        batches++;
      }
      expect(batches).toBeGreaterThan(5);
      expect(written.join('')).toBe(expected.map((e) => `${JSON.stringify(e.result)}\n`).join(''));
    });

    it('reads a FileHandle from its position to its end, and leaves it open for its owner to close', async () => {
      const { text } = ndjsonText(30);
      const expected = await collect(validateClaimsInWorkers([text], { today, workers: 1, input: 'ndjson' }));
      const tmp = mkdtempSync(join(tmpdir(), 'medcode-workers-file-'));
      const file = join(tmp, 'claims.ndjson');
      // A first line to read past before the stream starts: the handle's position is where it begins.
      const skipped = `${JSON.stringify({ claimId: 'SKIPPED' })}\n`;
      writeFileSync(file, skipped + text);
      const handle = await open(file);
      try {
        await handle.read(Buffer.alloc(Buffer.byteLength(skipped)), 0, Buffer.byteLength(skipped), null);
        const items = await collect(validateClaimsInWorkers(handle, { today, workers: 1, input: 'ndjson' }));
        expect(items).toEqual(expected);
        expect((await handle.stat()).size).toBeGreaterThan(0);
        const refused = await refusal(validateClaimsInWorkers(handle, { today, workers: 1 }));
        expect(refused).toMatchObject({ code: 'invalid_option', path: ['claims'] });
        expect(refused.message).toContain("input: 'ndjson'");
      } finally {
        await handle.close();
      }
      // A closed handle fails as any source that throws: its own error, after no claim.
      let thrown: unknown;
      try {
        await collect(validateClaimsInWorkers(handle, { today, workers: 1, input: 'ndjson' }));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'EBADF' });
      rmSync(tmp, { recursive: true, force: true });
      // A handle-like object whose read() answers no byte count fails, rather than being read forever.
      for (const answer of [{}, { bytesRead: -1 }, { bytesRead: 1e9 }, null]) {
        const fake = { fd: 3, close: async () => undefined, read: async () => answer };
        let refused: unknown;
        try {
          await collect(validateClaimsInWorkers(fake as never, { today, workers: 1, input: 'ndjson' }));
        } catch (error) {
          refused = error;
        }
        expect(refused).toBeInstanceOf(MedcodeError);
        expect((refused as MedcodeError).issues[0]).toMatchObject({
          code: 'invalid_option',
          path: ['claims'],
          option: 'validateClaimsInWorkers(claims)',
        });
      }
      // Through a pool, the refusal names the pool's own method.
      const pool = createClaimValidationPool({ today, workers: 1 });
      try {
        const fake = { fd: 3, close: async () => undefined, read: async () => ({}) };
        let refused: unknown;
        try {
          await collect(pool.validate(fake as never, { input: 'ndjson' }));
        } catch (error) {
          refused = error;
        }
        expect((refused as MedcodeError).issues[0]).toMatchObject({
          code: 'invalid_option',
          path: ['claims'],
          option: 'ClaimValidationPool.validate(claims)',
        });
      } finally {
        await pool.close();
      }
    });

    it('empties every released batch, also past the buffers the pool keeps', async () => {
      const { text } = ndjsonText(90);
      const batches = await collect(
        validateClaimsInWorkers([text], {
          today,
          workers: 1,
          input: 'ndjson',
          chunkBytes: 600,
          output: 'json-lines',
        }),
      );
      expect(batches.length).toBeGreaterThan(20);
      for (const batch of batches) batch.release();
      expect(batches.map((batch) => batch.bytes.length)).toEqual(batches.map(() => 0));
    });

    it('fails every claim of a chunk whose worker was stopped, and goes on', async () => {
      const { text, lines } = ndjsonText(200);
      const threads: Worker[] = [];
      const items: ClaimsValidationItem[] = [];
      for await (const item of validateClaimsInWorkers([text], {
        today,
        workers: 1,
        input: 'ndjson',
        chunkBytes: 4000,
        onWorker: (thread) => {
          threads.push(thread);
          // Stopped while it still loads its packs, so no chunk sent to it can have been answered
          // (stopping it after a first result raced a fast worker answering every chunk it held).
          if (threads.length === 1) void thread.terminate();
        },
      })) {
        items.push(item);
      }
      expect(threads.length).toBe(2);
      expect(items.map((i) => i.index)).toEqual(lines.map((_, i) => i));
      const lost = items.filter((i) => i.result.issues.some((e) => e.code === 'worker_failed'));
      expect(lost.length).toBeGreaterThan(0);
      expect(items.at(-1)!.result.issues.some((e) => e.code === 'worker_failed')).toBe(false);
    });

    it('takes one text or byte array as the whole NDJSON; without ndjson, refuses it', async () => {
      const { text } = ndjsonText(12);
      const expected = [];
      for await (const item of validateClaimsInWorkers(pieces(text), { today, workers: 1, input: 'ndjson' }))
        expected.push(item);
      for (const whole of [text, Buffer.from(text, 'utf8')]) {
        const items = [];
        for await (const item of validateClaimsInWorkers(whole, { today, workers: 1, input: 'ndjson' }))
          items.push(item);
        expect(items).toEqual(expected);
        const issue = await refusal(validateClaimsInWorkers(whole as never, { today, workers: 1 }));
        expect(issue).toMatchObject({ code: 'invalid_option', path: ['claims'] });
        expect(issue.message).toContain("input: 'ndjson'");
      }
    });

    it('validates the whole lines read before a source fails, then throws its error', async () => {
      const lines = claims(40).map((claim) => JSON.stringify(claim));
      const failure = new Error('the source failed mid-line');
      async function* source() {
        for (const line of lines.slice(0, 37)) yield `${line}\n`;
        // Half a line, then the failure: the cut line is no claim.
        yield lines[37]!.slice(0, 20);
        throw failure;
      }
      const expected = asJson(await collect(validateClaims(lines.slice(0, 37), { today })));
      const items: ClaimsValidationItem[] = [];
      let thrown: unknown;
      try {
        for await (const item of validateClaimsInWorkers(source(), { today, workers: 1, input: 'ndjson' }))
          items.push(item);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBe(failure);
      expect(asJson(items)).toEqual(expected);
    });

    it('refuses a source piece that is neither bytes nor text', async () => {
      const stream = validateClaimsInWorkers([{ claimId: 'X' }], { today, workers: 1, input: 'ndjson' });
      expect(await refusal(stream)).toMatchObject({ code: 'invalid_option', path: ['claims'] });
    });
  });
});

describe('createClaimValidationPool', () => {
  it('validates stream after stream, and streams side by side, on workers started once', async () => {
    const started: Worker[] = [];
    const pool = createClaimValidationPool({ today, workers: 2, onWorker: (thread) => started.push(thread) });
    try {
      expect(pool.workers).toBe(2);
      const first = claims(40);
      const second = claims(25).map((claim) => ({
        ...(claim as object),
        claimId: `S2-${String((claim as { claimId: string }).claimId)}`,
      }));
      const expectedFirst = asJson(await collect(validateClaims(first, { today })));
      const expectedSecond = asJson(await collect(validateClaims(second, { today })));
      expect(asJson(await collect(pool.validate(first, { batchSize: 6 })))).toEqual(expectedFirst);
      // A consumer that stops early leaves the pool as it was.
      for await (const item of pool.validate(second, { batchSize: 3 })) if (item.index === 4) break;
      const [a, b] = await Promise.all([
        collect(pool.validate(first, { batchSize: 4 })),
        collect(pool.validate(second, { batchSize: 5 })),
      ]);
      expect(asJson(a)).toEqual(expectedFirst);
      expect(asJson(b)).toEqual(expectedSecond);
      const lines = await collect(
        pool.validate([Buffer.from(first.map((c) => JSON.stringify(c)).join('\n'))], {
          input: 'ndjson',
          output: 'json-lines',
        }),
      );
      const text = lines.map((batch) => Buffer.from(batch.bytes).toString('utf8')).join('');
      expect(
        text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as unknown),
      ).toEqual((expectedFirst as { result: unknown }[]).map((item) => item.result));
      expect(started).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it("keeps each stream's results its own while streams side by side release buffers and parse objects", async () => {
    const pool = createClaimValidationPool({ today, workers: 2 });
    try {
      const input = claims(70);
      const expected = (await collect(validateClaims(input, { today }))).map(
        (item) => `${JSON.stringify(item.result)}\n`,
      );
      const ndjson = Buffer.from(input.map((c) => JSON.stringify(c)).join('\n'));
      /**
       * JSON lines; every third batch is held unread while later ones come and go, then read and
       * released: a buffer reused before its release would show another batch's text there.
       */
      const lines = async () => {
        const text: string[] = [];
        let held: { readonly batch: ClaimsValidationLines; readonly at: number }[] = [];
        const readHeld = () => {
          for (const { batch, at } of held) {
            text[at] = Buffer.from(batch.bytes).toString('utf8');
            batch.release();
          }
          held = [];
        };
        for await (const batch of pool.validate([ndjson], {
          input: 'ndjson',
          output: 'json-lines',
          chunkBytes: 900,
        })) {
          if (text.length % 3 === 0) {
            held.push({ batch, at: text.length });
            text.push('');
          } else {
            text.push(Buffer.from(batch.bytes).toString('utf8'));
            batch.release();
          }
          if (held.length > 2) readHeld();
        }
        readHeld();
        return text.join('');
      };
      // Objects give their buffers back on their own, into the same pool of spent buffers.
      const objects = async () =>
        (await collect(pool.validate(input, { batchSize: 3 }))).map(
          (item) => `${JSON.stringify(item.result)}\n`,
        );
      const [a, b, c] = await Promise.all([lines(), objects(), lines()]);
      expect(a).toBe(expected.join(''));
      expect(b).toEqual(expected);
      expect(c).toBe(expected.join(''));
    } finally {
      await pool.close();
    }
  });

  it("refuses a stream's options, and any stream once closed, with the option named", async () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(MedcodeError);
        return (error as MedcodeError).issues[0];
      }
      throw new Error('not refused');
    };
    expect(refusal(() => createClaimValidationPool({ today, output: 'json' } as never))).toMatchObject({
      code: 'invalid_option',
      path: ['output'],
    });
    expect(refusal(() => createClaimValidationPool({ today, mue: { tables: [] } } as never))).toMatchObject({
      path: ['mue.tables'],
    });
    const pool = createClaimValidationPool({ today, workers: 1 });
    expect(refusal(() => pool.validate(claims(2), { batchSize: 0 }))).toMatchObject({ path: ['batchSize'] });
    expect(refusal(() => pool.validate(42 as never))).toMatchObject({ path: ['claims'] });
    await pool.close();
    expect(refusal(() => pool.validate(claims(2)))).toMatchObject({ path: ['pool'] });
  });

  it('ends a stream running when the pool closes: every claim it read has a result, worker_failed past the close', async () => {
    const pool = createClaimValidationPool({ today, workers: 2 });
    let pulled = 0;
    let released = false;
    function* source() {
      try {
        for (const claim of claims(2000)) {
          pulled++;
          yield claim;
        }
      } finally {
        released = true;
      }
    }
    const late = pool.validate(claims(3));
    const items: ClaimsValidationItem[] = [];
    // Closed from inside the loop, as a shutdown handler would while the stream is being written.
    for await (const item of pool.validate(source(), { batchSize: 10 })) {
      items.push(item);
      if (items.length === 15) await pool.close();
    }
    // Every claim read has its result, in order; the source was read no further and let go.
    expect(pulled).toBeLessThan(2000);
    expect(items.map((i) => i.index)).toEqual(Array.from({ length: pulled }, (_, i) => i));
    expect(released).toBe(true);
    // The batches sent before the close were either answered by then (real results; with two
    // workers a later batch may be answered before an earlier one) or fail with worker_failed;
    // the claims yielded before the close all have real results.
    const closed = items.filter((i) => i.result.issues.some((e) => e.code === 'worker_failed'));
    expect(closed.length).toBeGreaterThan(0);
    expect(closed[0]!.index).toBeGreaterThanOrEqual(15);
    for (const item of closed) {
      expect(item.result.status).toBe('failed');
      expect(item.result.issues).toHaveLength(1);
      expect(item.result.issues[0]).toMatchObject({ reason: 'crashed', detail: 'the pool was closed' });
      expect(item.result.issues[0]!.message).toContain('the pool was closed');
    }
    // A stream made before the close and first read after it is refused, as validate() is.
    expect(await refusal(late)).toMatchObject({ code: 'invalid_option', path: ['pool'] });
  });

  it('ends an NDJSON stream running when the pool closes, with a result for each line it read', async () => {
    const pool = createClaimValidationPool({ today, workers: 1 });
    const lines = claims(3000).map((claim) => `${JSON.stringify(claim)}\n`);
    let pulled = 0;
    function* source() {
      // One whole line per piece: the lines read are the pieces read.
      for (const line of lines) {
        pulled++;
        yield line;
      }
    }
    const batches: ClaimsValidationLines[] = [];
    for await (const batch of pool.validate(source(), {
      input: 'ndjson',
      output: 'json-lines',
      chunkBytes: 8000,
    })) {
      batches.push(batch);
      if (batches.length === 1) await pool.close();
    }
    expect(pulled).toBeLessThan(lines.length);
    expect(batches.reduce((n, batch) => n + batch.count, 0)).toBe(pulled);
    const last = Buffer.from(batches.at(-1)!.bytes).toString('utf8').trimEnd().split('\n');
    expect(last.map((line) => (JSON.parse(line) as ClaimValidation).issues[0])).toEqual(
      last.map(() => expect.objectContaining({ code: 'worker_failed', detail: 'the pool was closed' })),
    );
  });
});
