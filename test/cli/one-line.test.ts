/**
 * Usage errors are one line on stderr, whatever the value they echo from the command line.
 */
import { describe, expect, it } from 'vitest';
import { escapeToOneLine } from '../../src/cli/io';
import { cli, isOneLineError } from './helpers';

describe('escapeToOneLine', () => {
  it('escapes line breaks and tabs as well as the other control characters', () => {
    expect(escapeToOneLine('a\nb\r\nc\td\u001b[31m')).toBe('a\\nb\\u000d\\nc\\td\\u001b[31m');
    expect(escapeToOneLine('plain text, ſ9083')).toBe('plain text, ſ9083');
  });
});

describe('a value with a line break in a usage error', () => {
  it.each([
    [['validate', 'examples/clean-office-visit.json', '--date', '2026\n']],
    [['validate', 'examples/clean-office-visit.json', '--workers', '2\n']],
    [['validate', 'examples/clean-office-visit.json', '--x12-separators', '|\n>!~']],
    [['no\nsuch-command']],
  ])('%j: exit 2, one line', async (args) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(isOneLineError(r.stderr)).toBe(true);
    expect(r.stderr).toContain('\\n');
  });
});
