const fc = require('fast-check');
const { scenario } = require('medcode/testing');
const { claimWithEdit, hcpcsCode } = require('medcode/testing/arbitraries');

describe('a billing app checks its claims with medcode under jest', () => {
  test('a clean claim passes, a scenario carries its edit', () => {
    const clean = scenario('clean');
    const duplicate = scenario('duplicate-line');
    expect(clean.claim).toPassEdits(clean.options);
    expect(duplicate.claim).toHaveEdit('duplicate_line', { severity: 'warning', options: duplicate.options });
    expect(clean.claim).not.toHaveEdit('duplicate_line', { options: clean.options });
  });

  test('codes are valid on their date of service', () => {
    expect('G0008').toBeValidCode('hcpcs', { on: '2026-03-01' });
    fc.assert(
      fc.property(hcpcsCode({ on: '2026-03-01' }), (code) => {
        expect(code).toBeValidCode('hcpcs', { on: '2026-03-01' });
      }),
      { numRuns: 30 },
    );
  });

  test('a claim generated for one edit has exactly that edit', () => {
    fc.assert(
      fc.property(claimWithEdit('mue_exceeded'), ({ claim, options }) => {
        expect(claim).toHaveEdit('mue_exceeded', { line: 1, options });
      }),
      { numRuns: 10 },
    );
  });
});
