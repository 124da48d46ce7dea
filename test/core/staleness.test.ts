import { describe, expect, it } from 'vitest';
import { hcpcs } from '../../src/hcpcs/index';
import { staleViewMemo } from '../../src/core/staleness';

describe('staleViewMemo', () => {
  it('builds one stale view per edition and date, and its checks end with the data_stale warning', () => {
    // HCPCS July 2026 is released for dates through 2026-09-30: 2026-12-02 is past it.
    const r = hcpcs.tryAt('2026-12-02');
    if (!r.ok) throw new Error('built-in HCPCS');
    const stale = r.issues.find((i) => i.code === 'data_stale');
    expect(stale).toBeDefined();
    let built = 0;
    const staleView = staleViewMemo<typeof r.value>();
    const view = () => {
      built++;
      return r.value;
    };
    const a = staleView('2026-jul', '2026-12-02', stale!, view);
    expect(staleView('2026-jul', '2026-12-02', stale!, view)).toBe(a);
    expect(built).toBe(1);
    expect(staleView('2026-jul', '2026-12-03', stale!, view)).not.toBe(a);
    expect(built).toBe(2);
    const checked = a.check('G0121');
    expect(checked.issues.at(-1)).toBe(stale);
    // The plain view's own check is untouched.
    expect(r.value.check('G0121').issues.some((i) => i.code === 'data_stale')).toBe(false);
  });
});
