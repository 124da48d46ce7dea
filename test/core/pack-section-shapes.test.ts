/**
 * A pack whose bytes pass every digest (written by other code, or re-signed in its manifest) can
 * still hold anything in its sections. For every built-in pack (block-checksummed ones written with
 * their block size again), each JSON and text section is replaced by `null`, a number and an empty
 * object, and each typed section by one an entry short and one with every entry at its largest; the
 * manifest is re-signed and the pack's system used: the answer is a PackError (or a `pack_error`
 * issue), never a TypeError, a RangeError or a SyntaxError from inside. The tests of each system
 * check that the structural faults are refused rather than answered wrong.
 */
import { describe, expect, it } from 'vitest';
import { MedcodeError, PackError, SourceFormatError } from '../../src/core/errors';
import { BLOCK_DIGEST_SECTION, PackReader } from '../../src/core/pack';
import { memorySource } from '../../src/core/pack-source';
import type { PackSource } from '../../src/core/pack-source';
import { builtInFiles, sourceWithPack, withSection } from '../pack-rewrite';
import type { TypedSection } from '../pack-rewrite';
import { createHccSystem } from '../../src/hcc/index';
import { createHcpcsSystem } from '../../src/hcpcs/index';
import { createIcd10CmSystem } from '../../src/icd10cm/index';
import { createIcd10PcsSystem } from '../../src/icd10pcs/index';
import { loadAocTable, loadMueTable } from '../../src/ncci/index';
import { createPfsSystem } from '../../src/pfs/index';
import { loadMceLists } from '../../src/rules/index';

const ON = '2026-08-01';

/** A use of each system that opens every one of its packs. */
const USES: Record<string, (packs: PackSource) => unknown> = {
  pos: (packs) => createHcpcsSystem({ packs }).placesOfService.at(ON).get('11')?.code,
  hcpcs: (packs) => {
    const s = createHcpcsSystem({ packs });
    return [s.at(ON).get('G0008')?.code, s.modifiers.at(ON).get('25')?.code];
  },
  icd10pcs: (packs) => createIcd10PcsSystem({ packs }).at('2026-05-01').get('0DTJ4ZZ')?.title,
  hcc: (packs) => {
    const r = createHccSystem({ packs })
      .at(2026)
      .score({ sex: 'F', age: 70, diagnoses: ['E1122'] });
    return r.ok ? r.value.score : r.issues[0]?.code;
  },
  pfs: (packs) => createPfsSystem({ packs }).at(ON).get('99213')?.workRvu,
  'ncci-mue': (packs) => loadMueTable({ packs }).indexOf('88350'),
  'ncci-aoc': (packs) => loadAocTable({ packs }).rangeOf('99292'),
  mce: (packs) => loadMceLists(packs).has('manifestation', 'G63'),
  icd10cm: (packs) => {
    const s = createIcd10CmSystem({ packs }).at(ON);
    // FY2027, the delta over FY2026: a code it adds and one it keeps from its base.
    const fy2027 = createIcd10CmSystem({ packs }).at('2026-12-01');
    return [
      s.get('E11.9')?.title,
      s.excludesConflicts('E11.9', 'E10.9').length,
      s.search('heart attack', { limit: 3 }).length,
      fy2027.get('D69.11')?.title,
      fy2027.get('E11.9')?.section,
    ];
  },
};

/** What a typed section is replaced by: one entry short, or every entry at its type's largest. */
const TYPED_CHANGES: readonly [string, (t: TypedSection) => TypedSection][] = [
  ['one entry short', (t) => t.subarray(0, Math.max(0, t.length - 1))],
  ['every entry at its largest', (t) => t.slice().fill(0xffff_ffff)],
];

describe('packs whose sections say something else', () => {
  it('are refused as the pack’s inconsistency, never a TypeError from inside', () => {
    const files = builtInFiles(Object.keys(USES));
    const found: string[] = [];
    let tried = 0;
    for (const [path, bytes] of files) {
      if (!path.endsWith('.pack')) continue;
      const [system, , file] = path.split('/') as [string, string, string];
      const pack = PackReader.fromBuffer(bytes, file);
      const use = USES[system]!;
      const sourceWith = (changed: Uint8Array) => sourceWithPack(files, path, changed);
      // The harness itself: the pack written again unchanged answers as the original.
      expect(JSON.stringify(use(sourceWith(withSection(bytes, file, undefined, null)))), path).toBe(
        JSON.stringify(use(memorySource(files))),
      );
      for (const section of pack.header.sections) {
        if (section.name === BLOCK_DIGEST_SECTION) continue;
        const changes: [string, unknown][] =
          section.type === 'json' || section.type === 'utf8'
            ? [null, 5, {}].map((v) => [JSON.stringify(v), v])
            : [...TYPED_CHANGES];
        for (const [what, value] of changes) {
          tried++;
          try {
            const answer = JSON.stringify(use(sourceWith(withSection(bytes, file, section.name, value))));
            // Validation reports a damaged pack as a pack_error issue; anything else answered as it was.
            if (answer?.includes('pack_error')) continue;
          } catch (error) {
            if (
              error instanceof PackError ||
              error instanceof MedcodeError ||
              error instanceof SourceFormatError
            )
              continue;
            found.push(`${path} ${section.name} = ${what}: ${String(error)}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
    expect(tried).toBeGreaterThan(100);
  }, 240_000);
});
