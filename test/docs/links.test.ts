/**
 * Every relative link of README.md and docs/*.md points to a file of the repository, and every
 * `#anchor` to a heading of its target under both renderings the docs have: GitHub's, and the
 * typedoc site's (`npm run docs`). The two derive anchors from headings differently (typedoc folds a
 * run of hyphens into one, GitHub keeps them: `A + B` is `a--b` on GitHub and `a-b` in typedoc), so
 * an anchor is accepted only when both give it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docFiles, readDoc } from './blocks';

const ROOT = join(import.meta.dirname, '../..');

/** The lines of a markdown text outside its fenced blocks (links and headings there are code). */
function proseLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((t, i) => {
    const open = /^(`{3,}|~{3,})/.exec(t);
    if (fence === undefined && open) fence = open[1]!;
    else if (fence !== undefined && t.startsWith(fence)) fence = undefined;
    else if (fence === undefined) out.push({ line: i + 1, text: t });
  });
  return out;
}

/** A heading's text as rendered: inline links read as their text, the `#` marks dropped. */
function headingTexts(text: string): string[] {
  return proseLines(text).flatMap(({ text: t }) => {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(t);
    return h ? [h[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')] : [];
  });
}

/**
 * GitHub's anchor for a heading (github-slugger): lower case, every character but letters, marks,
 * digits, connector punctuation, hyphens and spaces dropped, each space a hyphen.
 */
function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** typedoc 0.28's anchor for a heading (its default theme's Slugger): the first hyphen run folded. */
function typedocSlug(heading: string): string {
  return (
    heading
      .trim()
      .replace(/[\u2000-\u206F\u2E00-\u2E7F\\'!"#$%&()*+,./:;<=>?@[\]^`{|}~]/g, '')
      .replace(/\s/g, '-')
      .replace(/--+/, '-')
      .toLowerCase() || '_'
  );
}

/** The anchors a list of headings gets, a repeated one numbered from -1 as both renderers do. */
function anchors(headings: readonly string[], slug: (h: string) => string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const h of headings) {
    const base = slug(h);
    const n = seen.get(base);
    seen.set(base, (n ?? -1) + 1);
    out.add(n === undefined ? base : `${base}-${n + 1}`);
  }
  return out;
}

interface DocLink {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

function linksOf(file: string): DocLink[] {
  const out: DocLink[] = [];
  for (const { line, text } of proseLines(readDoc(file))) {
    // Inline code is not a link: `[x](y)` inside backticks is an example.
    const prose = text.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      out.push({ file, line, target });
    }
  }
  return out;
}

describe('docs links', () => {
  it('reads the same anchors the renderers give', () => {
    expect(githubSlug('837P build + serialize against node-x12')).toBe(
      '837p-build--serialize-against-node-x12',
    );
    expect(typedocSlug('837P build + serialize against node-x12')).toBe(
      '837p-build-serialize-against-node-x12',
    );
    expect(githubSlug('Explaining a refused claim without loading zod')).toBe(
      'explaining-a-refused-claim-without-loading-zod',
    );
    expect(githubSlug('`get` against `Map.get`')).toBe('get-against-mapget');
    expect(typedocSlug('`get` against `Map.get`')).toBe('get-against-mapget');
    expect([...anchors(['Notes', 'Notes', 'Notes'], githubSlug)]).toEqual(['notes', 'notes-1', 'notes-2']);
  });

  const links = docFiles().flatMap(linksOf);

  it('finds the docs links', () => {
    expect(links.length).toBeGreaterThan(20);
  });

  it.each(links.map((l) => [`${l.file}:${l.line} ${l.target}`, l] as const))('%s', (_, link) => {
    const [path, anchor] = link.target.split('#') as [string, string | undefined];
    const file = path === '' ? link.file : normalize(join(dirname(link.file), decodeURIComponent(path)));
    expect(existsSync(join(ROOT, file)), `${file} does not exist`).toBe(true);
    if (anchor === undefined || !file.endsWith('.md')) return;
    const headings = headingTexts(readFileSync(join(ROOT, file), 'utf8'));
    expect([...anchors(headings, githubSlug)], `GitHub's anchors of ${file}`).toContain(anchor);
    expect([...anchors(headings, typedocSlug)], `typedoc's anchors of ${file}`).toContain(anchor);
  });
});
