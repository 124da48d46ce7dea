/**
 * Runs the code blocks of README.md and docs/*.md (the convention is described at the top of
 * docs/contributing.md):
 *
 * - a ```ts block is one ES module; `medcode` and `medcode/<area>` imports resolve to src/;
 *   `expr; // => value` asserts the value of `expr` (a line holding only `// => value` asserts the
 *   statement on the line before); `const x = expr; // => value` asserts `x`; prose may follow the
 *   value after another `//`.
 * - a ```sh or ```console block runs every line that starts with `medcode` (after an optional `$ `
 *   and `npx `) through the CLI in-process; the lines after a command, up to the next command, are
 *   its expected output; `# => exit N` on a command line asserts its exit status (else it must be 0).
 * - `from 'vitest'` in a block gets `expect` (with medcode's matchers) and an `it` that runs at once.
 * - `no-run` after the language (```ts no-run) leaves a block out; use it only for what cannot run.
 */
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const ROOT = resolve(__dirname, '../..');

/** One fenced block of a markdown file. */
export interface DocBlock {
  readonly file: string;
  /** 1-based line of the first line inside the fence. */
  readonly line: number;
  readonly lang: string;
  readonly flags: readonly string[];
  readonly body: string;
}

/** The markdown files whose blocks run: README.md and docs/*.md. */
export function docFiles(): string[] {
  return [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/${f}`),
  ];
}

/** The fenced blocks of a markdown text. */
export function blocksOf(file: string, text: string): DocBlock[] {
  const out: DocBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})\s*([\w-]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith(fence)) end++;
    out.push({
      file,
      line: start + 1,
      lang: open[2]!.toLowerCase(),
      flags: open[3]!.split(/\s+/).filter(Boolean),
      body: lines.slice(start, end).join('\n'),
    });
    i = end;
  }
  return out;
}

export const isTs = (b: DocBlock): boolean => b.lang === 'ts' || b.lang === 'typescript';
export const isShell = (b: DocBlock): boolean => b.lang === 'sh' || b.lang === 'console' || b.lang === 'bash';
export const runs = (b: DocBlock): boolean => !b.flags.includes('no-run') && (isTs(b) || isShell(b));

// ---- assertions --------------------------------------------------------------------------------

/** A string with `…` matches any text in place of each `…`. */
function globMatches(actual: string, expected: string): boolean {
  const parts = expected.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]*')}$`).test(actual);
}

/**
 * Compares a documented value with the actual one: strings exactly (`…` stands for any text),
 * objects and arrays as a subset (the keys shown must match; arrays must have the length shown).
 */
export function assertDocValue(actual: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'string' && typeof actual === 'string' && expected.includes('…')) {
    if (!globMatches(actual, expected))
      throw new Error(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return;
  }
  if (expected !== null && typeof expected === 'object')
    expect(actual, where).toMatchObject(expected as Record<string, unknown>);
  else expect(actual, where).toStrictEqual(expected);
}

// ---- ts blocks ---------------------------------------------------------------------------------

const ASSERT = /^(\s*)(.*?)\s*\/\/ =>\s*(.+)$/;

/** Open minus closed brackets of a line, outside string literals (enough for documentation code). */
function bracketDepth(line: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k]!;
    if (quote) {
      if (ch === '\\') k++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '/' && line[k + 1] === '/') break;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
  }
  return depth;
}

/** The first line of the statement that ends on line `end` (a formatter may spread one over lines). */
function statementStart(lines: readonly string[], end: number): number {
  let depth = bracketDepth(lines[end]!);
  let start = end;
  const continues = (line: string) => /^\s*(\?\.|\.(?!\.))/.test(line); // a chained call on its own line
  while (start > 0 && (depth < 0 || continues(lines[start]!))) depth += bracketDepth(lines[--start]!);
  return start;
}

/**
 * The module text of a ts block: imports point at src/, `// =>` lines become checks. Line numbers
 * are kept (a statement keeps its lines) so that errors point into the markdown.
 */
export function tsModule(block: DocBlock, checkImport: string): string {
  const lines = block.body.split('\n');
  const out = [...lines];
  const where = (i: number) => JSON.stringify(`${block.file}:${block.line + i}`);
  for (let i = 0; i < lines.length; i++) {
    const m = ASSERT.exec(lines[i]!);
    if (!m) continue;
    const [, , code, expected] = m as unknown as [string, string, string, string];
    let end = i;
    if (code.trim() === '') {
      // `// => value` on its own line: the statement that ends on the line before.
      end = i - 1;
      while (end >= 0 && lines[end]!.trim() === '') end--;
      if (end < 0) throw new Error(`${block.file}:${block.line + i}: "// =>" with no statement before it`);
      out[i] = '';
    } else out[i] = code;
    const start = statementStart(lines, end);
    const last = out[end]!.replace(/\s*\/\/.*$/, '').replace(/;\s*$/, '');
    // A value may be followed by prose after `//`: the thunk then closes on the next line.
    const close = expected.includes('//') ? '\n' : '';
    const check = (e: string) => `__docCheck(${e}, () => (${expected}${close}), ${where(i)});`;
    const first = out[start]!;
    const decl = /^(\s*)(?:const|let)\s+([A-Za-z_$][\w$]*)(\s*:[^=]+)?\s*=/.exec(first);
    if (decl) out[end] = `${last}; ${check(decl[2]!)}`;
    else if (start === end) out[end] = `${first.match(/^\s*/)![0]}${check(last.trim())}`;
    else {
      out[start] = first.replace(/^(\s*)/, '$1__docCheck(');
      out[end] = `${last}, () => (${expected}${close}), ${where(i)});`;
    }
  }
  const body = out
    .join('\n')
    .replace(/from '(medcode)((?:\/[a-z0-9-]+)*)'/g, (_m, _p, sub: string) => `from '${sourceOf(sub)}'`)
    .replace(/from 'vitest'/g, `from '${join(ROOT, 'test', 'docs', 'vitest-shim.ts')}'`);
  return `import { __docCheck } from '${checkImport}'; ${body}\n`;
}

/** The source file of a package subpath: `''` → src/index.ts, `/testing/vitest` → src/testing/vitest.ts. */
function sourceOf(subpath: string): string {
  const folder = join(ROOT, 'src', subpath, 'index.ts');
  return existsSync(folder) ? folder : join(ROOT, 'src', `${subpath}.ts`);
}

/** Where the generated block modules are written (git-ignored). */
export const RUN_DIR = join(ROOT, '.tmp', 'doc-blocks');

/** Writes a ts block as a module and returns its path. */
export function writeTsBlock(block: DocBlock, index: number): string {
  mkdirSync(RUN_DIR, { recursive: true });
  const name = `${block.file.replace(/[^\w]/g, '_')}-${index}.ts`;
  const path = join(RUN_DIR, name);
  writeFileSync(path, tsModule(block, join(ROOT, 'test', 'docs', 'check.ts')));
  return path;
}

// ---- shell blocks ------------------------------------------------------------------------------

/** One `medcode …` command of a shell block and the output shown after it. */
export interface DocCommand {
  readonly line: number;
  readonly argv: readonly string[];
  readonly exit: number;
  readonly redirect?: string;
  readonly expected: readonly string[];
}

/** Splits a command line as a POSIX shell would for plain words and quotes. */
function words(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const COMMAND = /^\s*(?:\$\s+)?(?:npx\s+)?medcode(?:\s+(.*))?$/;

/** The `medcode` commands of a shell block with their expected output lines. */
export function commandsOf(block: DocBlock): DocCommand[] {
  const out: { line: number; argv: string[]; exit: number; redirect?: string; expected: string[] }[] = [];
  const lines = block.body.split('\n');
  let current: (typeof out)[number] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const m = COMMAND.exec(text);
    if (m) {
      let rest = m[1] ?? '';
      const hash = rest.search(/(^|\s)#/);
      const comment = hash >= 0 ? rest.slice(hash) : '';
      if (hash >= 0) rest = rest.slice(0, hash);
      const exit = /# => exit (\d+)/.exec(comment);
      const redirect = /\s>\s*(\S+)\s*$/.exec(rest);
      if (redirect) rest = rest.slice(0, redirect.index);
      current = {
        line: block.line + i,
        argv: words(rest),
        exit: exit ? Number(exit[1]) : 0,
        ...(redirect ? { redirect: redirect[1]! } : {}),
        expected: [],
      };
      out.push(current);
    } else if (/^\s*\$\s/.test(text)) {
      current = undefined; // a command of another program: not run, and not its output
    } else if (current && text.trim() !== '') current.expected.push(text.trimEnd());
  }
  return out;
}

/** Each expected line must be a line of the output, in order (`…` stands for any text). */
export function assertOutput(actual: string, expected: readonly string[], where: string): void {
  const lines = actual.split('\n').map((l) => l.trimEnd());
  let at = 0;
  for (const want of expected) {
    while (at < lines.length && !globMatches(lines[at]!, want)) at++;
    if (at === lines.length)
      throw new Error(
        `${where}: output line not found (in order): ${JSON.stringify(want)}\n--- output:\n${actual}`,
      );
    at++;
  }
}

/** A scratch working directory for CLI commands: the repository's examples and fixtures, linked. */
export function cliWorkdir(name: string): string {
  const dir = join(ROOT, '.tmp', 'doc-cli', name);
  mkdirSync(dir, { recursive: true });
  for (const sub of ['examples', 'test']) {
    const link = join(dir, sub);
    if (!existsSync(link)) symlinkSync(join(ROOT, sub), link);
  }
  return dir;
}

export const readDoc = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
