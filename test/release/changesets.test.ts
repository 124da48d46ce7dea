import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '..', '..', '.changeset');

/**
 * `changeset version` reads each changeset's YAML front matter; a formatter that rewrites it into a
 * heading silently drops the entry from the CHANGELOG. Every changeset must keep the exact form.
 */
describe('changesets', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');
  it.each(files)('%s has front matter naming medcode and a bump', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    expect(text).toMatch(/^---\n"medcode": (major|minor|patch)\n---\n\n\S/);
  });
});
