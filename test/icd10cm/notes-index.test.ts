import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackError } from '../../src/core/errors';
import { openPack, defaultPackSource } from '../../src/core/pack-source';
import { PackReader, PackWriter } from '../../src/core/pack';
import {
  ICD10CM_NOTE_KINDS,
  NOTES_NODE_OFFSETS,
  NotesIndex,
  loadNotes,
  notesNodeOffsets,
} from '../../src/icd10cm/notes';
import type { PackSource } from '../../src/core/pack-source';
import { parseIcd10CmReferences } from '../../src/icd10cm/references';

const UTF8 = new TextEncoder();

/** The notes JSON as the importer writes it, and again with spaces, escapes and non-ASCII text. */
const RAW = {
  tabularVersion: 'test',
  chapters: [['4', { includes: ['diseases of the endocrine glands'] }]],
  sections: [['E08-E13', { notes: ['diabetes mellitus (E08-E13)'] }]],
  nodes: [
    ['E11', 'category', { excludes1: ['type 1 diabetes mellitus (E10.-)', 'a "quoted" \\ note [x] {y}'] }],
    ['E119', 'code', { inclusionTerms: ['Type 2 diabetes mellitus NOS, Sjögren – ç'] }],
    ['A\u00e9', 'code', { notes: ['a key that is not ASCII'] }],
  ],
};

/**
 * `source` with the bytes it reads of `name` counted (through `readRange`), and those bytes taken
 * from `bytes` when given (a damaged copy).
 */
function countingSource(source: PackSource, name: string, bytes?: Uint8Array) {
  let count = 0;
  const counted: PackSource = {
    name: `${source.name} (counted)`,
    editions: (system) => source.editions(system),
    read: (path) => source.read(path),
    byteSize: (path) => source.byteSize!(path),
    readRange: (path, position, into) => {
      if (!path.endsWith(name)) return source.readRange!(path, position, into);
      count += into.length;
      if (bytes === undefined) return source.readRange!(path, position, into);
      into.set(bytes.subarray(position, position + into.length));
      return into.length;
    },
  };
  return { source: counted, read: () => count };
}

/** What the index gave for an element before it read the JSON lazily: every note made at load. */
function eager(texts: Record<string, string[]>, level: string, levelCode: string): unknown {
  const out: Record<string, unknown> = {};
  for (const kind of ICD10CM_NOTE_KINDS)
    if (texts[kind]?.length)
      out[kind] = texts[kind]!.map((text) => ({
        text,
        level,
        levelCode,
        references: parseIcd10CmReferences(text),
      }));
  return out;
}

describe('ICD-10-CM notes read from the pack on demand', () => {
  for (const [name, text] of [
    ['compact', JSON.stringify(RAW)],
    ['indented', JSON.stringify(RAW, null, 2)],
  ] as const)
    it(`gives each element the notes its JSON holds (${name})`, () => {
      const index = new NotesIndex(UTF8.encode(text));
      expect(index.node('E11')).toEqual(
        eager(RAW.nodes[0]![2] as Record<string, string[]>, 'category', 'E11'),
      );
      expect(index.node('E119')).toEqual(
        eager(RAW.nodes[1]![2] as Record<string, string[]>, 'code', 'E11.9'),
      );
      expect(index.node('A\u00e9')?.notes?.[0]?.text).toBe('a key that is not ASCII');
      expect(index.node('E11')).toBe(index.node('E11'));
      expect(index.node('E1')).toBeUndefined();
      expect(index.chapter('4')).toEqual(
        eager({ includes: ['diseases of the endocrine glands'] }, 'chapter', '4'),
      );
      expect(index.effective('E119', 'E08-E13', '4', true).excludes1.map((n) => n.levelCode)).toEqual([
        'E11',
        'E11',
      ]);
      expect(index.effective('E119', 'E08-E13', '4', true).notes.map((n) => n.level)).toEqual(['section']);
    });

  it('reads the elements where the pack says they start, as a scan finds them', () => {
    // The pack's elements go in code order, which the reader's search needs.
    const sorted = { ...RAW, nodes: [...RAW.nodes].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)) };
    expect(() => notesNodeOffsets(UTF8.encode(JSON.stringify(RAW)))).toThrow(/code order/);
    for (const text of [JSON.stringify(sorted), JSON.stringify(sorted, null, 2)]) {
      const json = UTF8.encode(text);
      const offsets = notesNodeOffsets(json);
      expect(offsets.length).toBe(RAW.nodes.length);
      for (const at of offsets) expect(json[at]).toBe(0x5b);
      const scanned = new NotesIndex(json);
      const given = new NotesIndex(json, offsets);
      for (const [key] of RAW.nodes) expect(given.node(key as string)).toEqual(scanned.node(key as string));
      for (const absent of ['A', 'E1', 'E1190', 'Z99', '']) expect(given.node(absent)).toBeUndefined();
      expect(given.chapter('4')).toEqual(scanned.chapter('4'));
      expect(given.section('E08-E13')).toEqual(scanned.section('E08-E13'));
    }
  });

  it('refuses offsets that do not start the elements, in order', () => {
    const sorted = { ...RAW, nodes: [...RAW.nodes].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)) };
    const json = UTF8.encode(JSON.stringify(sorted));
    const offsets = notesNodeOffsets(json);
    for (const bad of [
      Uint32Array.of(offsets[1]!, offsets[0]!, offsets[2]!),
      Uint32Array.of(json.length + 10),
      Uint32Array.of(0),
    ])
      expect(() => new NotesIndex(json, bad)).toThrow();
    // An offset inside an element is found when the element is read (the bytes there are not
    // read at load): a pack error, never "no notes".
    for (const bad of [Uint32Array.of(offsets[0]! + 1), Uint32Array.of(offsets[0]!, offsets[1]! + 2)]) {
      const index = new NotesIndex(json, bad, { file: 'test.pack', ensure: () => {} });
      expect(() => index.node('E11')).toThrow(PackError);
    }
  });

  it('reads a block-checksummed pack a block at a time: the blocks of the elements asked for', () => {
    const { source, read } = countingSource(defaultPackSource(), 'notes.pack');
    const notes = loadNotes(source, 'fy2026', null);
    const afterLoad = read();
    const direct = openPack(defaultPackSource(), 'icd10cm', 'fy2026', 'notes.pack', 'icd10cm/notes');
    expect(direct.header.blockSize).toBe(4096);
    const whole = direct.header.totalBytes;
    // The header, the block table, the offsets and the chapter and section notes: not the elements.
    expect(afterLoad).toBeLessThan(whole / 10);
    for (const code of ['E119', 'E11', 'I10', 'J029', 'M5450', 'Z794', 'O9A', 'C4A']) notes.node(code);
    expect(notes.node('E11')?.excludes1?.length).toBeGreaterThan(0);
    // Each search reads the keys of about 14 elements, a 4 KiB block each at first.
    expect(read()).toBeLessThan(whole / 4);
  });

  it('refuses an element whose block is damaged, and still reads the others', () => {
    const file = readFileSync(join(import.meta.dirname, '../../codesets/icd10cm/fy2026/notes.pack'));
    const at = Buffer.from(file).indexOf('["I10",');
    expect(at).toBeGreaterThan(0);
    const damaged = new Uint8Array(file);
    damaged[at + 20]! ^= 0x01;
    const { source } = countingSource(defaultPackSource(), 'notes.pack', damaged);
    const notes = loadNotes(source, 'fy2026', null);
    expect(notes.node('E11')?.excludes1?.length).toBeGreaterThan(0);
    expect(() => notes.node('I10')).toThrow(PackError);
    expect(() => notes.node('I10')).toThrow(/corrupted/);
  });

  it('refuses JSON that is not the notes layout', () => {
    for (const text of [
      '[]',
      '{"chapters":[],"sections":[]}',
      '{"chapters":[],"sections":[],"nodes":[1]}',
      '{"nodes":[["A00",',
    ])
      expect(() => new NotesIndex(UTF8.encode(text))).toThrow();
  });

  it('gives every element of the FY2026 notes pack what parsing the whole pack gives', () => {
    const pack = openPack(defaultPackSource(), 'icd10cm', 'fy2026', 'notes.pack', 'icd10cm/notes');
    const raw = pack.json<{ nodes: [string, string, Record<string, string[]>][] }>('notes');
    const index = new NotesIndex(pack.textBytes('notes'));
    // The built pack says where each element starts: the same elements, without the scan.
    expect(pack.has(NOTES_NODE_OFFSETS)).toBe(true);
    const given = new NotesIndex(pack.textBytes('notes'), pack.typed(NOTES_NODE_OFFSETS, 'u32'));
    expect(raw.nodes.length).toBeGreaterThan(9_000);
    for (const [key, level, texts] of raw.nodes) {
      const expected = eager(texts, level, key.length > 3 ? `${key.slice(0, 3)}.${key.slice(3)}` : key);
      expect(index.node(key)).toEqual(expected);
      expect(given.node(key)).toEqual(expected);
    }
  });

  it('reads a JSON section as checked bytes, and refuses a damaged one', () => {
    const bytes = new PackWriter('test/notes', 'e1').json('notes', RAW).utf8('text', 'A00').toBuffer();
    expect(JSON.parse(new TextDecoder().decode(PackReader.fromBuffer(bytes).textBytes('notes')))).toEqual(
      RAW,
    );
    expect(new TextDecoder().decode(PackReader.fromBuffer(bytes).textBytes('text'))).toBe('A00');
    const damaged = bytes.slice();
    const notes = PackReader.fromBuffer(bytes).header.sections.find((s) => s.name === 'notes')!;
    damaged[notes.offset + 2]! ^= 0xff;
    expect(() => PackReader.fromBuffer(damaged).textBytes('notes')).toThrow(PackError);
    expect(new TextDecoder().decode(PackReader.fromBuffer(damaged).textBytes('text'))).toBe('A00');
  });
});
