/**
 * renderTable: aligned columns, clipping, and word wrap that never loses text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderTable } from '../../src/cli/table';

describe('renderTable', () => {
  it('aligns columns under a dashed rule and clips long cells with …', () => {
    const out = renderTable(
      ['code', 'title'],
      [
        ['E11.9', 'x'.repeat(100)],
        ['I10', 'Essential (primary) hypertension'],
      ],
      20,
    );
    const lines = out.split('\n');
    expect(lines[0]).toBe('code   title');
    expect(lines[1]).toBe('-----  --------------------');
    expect(lines[2]).toBe(`E11.9  ${'x'.repeat(19)}…`);
    expect(lines[3]).toBe('I10    Essential (primary)…');
  });

  it('wraps the chosen columns to fit the width and keeps every word, in order', () => {
    const word = fc.stringMatching(/^[a-z0-9.;:()]{1,12}$/);
    const text = fc.array(word, { minLength: 0, maxLength: 60 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[0-9]{1,3}$/), text, text), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 40, max: 160 }),
        (rows, width) => {
          const out = renderTable(['line', 'message', 'remedy'], rows, { width, wrap: [1, 2] });
          const lines = out.split('\n');
          const [sepMessage, sepRemedy] = lines[1]!
            .split('  ')
            .slice(1)
            .map((d) => d.length);
          // Every line fits when the fixed column and the minimum wrap widths do.
          for (const l of lines)
            expect(l.length).toBeLessThanOrEqual(Math.max(width, 4 + 2 + sepMessage! + 2 + sepRemedy!));
          // Reassemble each wrapped cell from its column slice: nothing lost, nothing reordered.
          const start1 = lines[1]!.indexOf('-', lines[1]!.indexOf('  ') + 2);
          const start2 = start1 + sepMessage! + 2;
          let r = -1;
          const message: string[][] = [];
          const remedy: string[][] = [];
          for (const l of lines.slice(2)) {
            if (l.slice(0, start1).trim() !== '' || r === -1) {
              r++;
              message.push([]);
              remedy.push([]);
            }
            message[r]!.push(l.slice(start1, start2).trim());
            remedy[r]!.push(l.slice(start2).trim());
          }
          rows.forEach(([, m, rem], i) => {
            expect(message[i]!.filter(Boolean).join(' ').replace(/ /g, '')).toBe(m.replace(/ /g, ''));
            expect(remedy[i]!.filter(Boolean).join(' ').replace(/ /g, '')).toBe(rem.replace(/ /g, ''));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
