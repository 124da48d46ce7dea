/**
 * core/line-groups: a group ends just past a newline within 64 KiB, at a longer line's own end, or
 * at the end of the bytes; groups decode to the whole text.
 */
import { describe, expect, it } from 'vitest';
import { LINE_GROUP_BYTES, lineGroupEnd } from '../../src/core/line-groups';

const UTF8 = new TextEncoder();

describe('lineGroupEnd', () => {
  it('takes what is left when it fits in one group', () => {
    const bytes = UTF8.encode('a\nb\nc');
    expect(lineGroupEnd(bytes, 0)).toBe(bytes.length);
    expect(lineGroupEnd(bytes, 2)).toBe(bytes.length);
  });

  it('ends past the last newline within the group, or at a longer line’s own end', () => {
    const line = `${'é'.repeat(10_000)}\n`; // 20,001 bytes
    const bytes = UTF8.encode(line.repeat(5));
    expect(lineGroupEnd(bytes, 0)).toBe(3 * 20_001);
    const long = UTF8.encode(`${'x'.repeat(LINE_GROUP_BYTES + 10)}\nshort\n${'y'.repeat(LINE_GROUP_BYTES)}`);
    expect(lineGroupEnd(long, 0)).toBe(LINE_GROUP_BYTES + 11);
    expect(lineGroupEnd(UTF8.encode('z'.repeat(LINE_GROUP_BYTES + 5)), 0)).toBe(LINE_GROUP_BYTES + 5);
  });

  it('cuts bytes into groups that decode to the whole text', () => {
    const text = Array.from(
      { length: 3000 },
      (_, i) => `{"claimId":"Zoë-${i}","n":"${'日本'.repeat(i % 50)}"}`,
    ).join('\n');
    const bytes = UTF8.encode(text);
    const decoder = new TextDecoder();
    const parts: string[] = [];
    for (let start = 0; start < bytes.length; ) {
      const end = lineGroupEnd(bytes, start);
      expect(end - start <= LINE_GROUP_BYTES || !bytes.subarray(start, end - 1).includes(10)).toBe(true);
      parts.push(decoder.decode(bytes.subarray(start, end)));
      start = end;
    }
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.join('')).toBe(text);
  });
});
