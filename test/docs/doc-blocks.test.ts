/**
 * Every code block of README.md and docs/*.md runs here, and the values and output it shows are
 * asserted: a wrong example fails the suite. The convention is at the top of docs/contributing.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import {
  assertOutput,
  blocksOf,
  cliWorkdir,
  commandsOf,
  docFiles,
  isShell,
  isTs,
  readDoc,
  runs,
  tsModule,
  writeTsBlock,
} from './blocks';
import type { DocBlock } from './blocks';
import { pendingDocTests } from './vitest-shim';

/** The CLI's "today" for documented output that shows it. */
const DOC_TODAY = '2026-11-27';

const all: DocBlock[] = docFiles().flatMap((f) => blocksOf(f, readDoc(f)));

describe.each(docFiles())('%s', (file) => {
  const blocks = all.filter((b) => b.file === file && runs(b));
  it.skipIf(blocks.length === 0)('its code blocks run and show what they print', async () => {
    for (const [n, block] of blocks.entries()) {
      if (isTs(block)) {
        await import(writeTsBlock(block, n));
        await Promise.all(pendingDocTests.splice(0));
      } else if (isShell(block)) await runShellBlock(block, n);
    }
  });
});

async function runShellBlock(block: DocBlock, n: number): Promise<void> {
  const cwd = cliWorkdir(`${block.file.replace(/\W/g, '_')}-${n}`);
  for (const command of commandsOf(block)) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(command.argv, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      cwd,
      today: DOC_TODAY,
    });
    const where = `${block.file}:${command.line}`;
    if (command.redirect) writeFileSync(join(cwd, command.redirect), stdout);
    expect(code, `${where}: exit status of medcode ${command.argv.join(' ')}\n${stderr}`).toBe(command.exit);
    assertOutput(`${stdout}\n${stderr}`, command.expected, where);
  }
}

describe('the harness', () => {
  const block = (lang: string, body: string): DocBlock => ({ file: 'x.md', line: 1, lang, flags: [], body });
  it('turns `// =>` comments into checks that fail on a wrong value', async () => {
    const wrong = block(
      'ts',
      "import { detectCodeSystem } from 'medcode';\ndetectCodeSystem('E11.9')[0]?.system; // => 'icd10pcs'",
    );
    const right = block(
      'ts',
      "import { detectCodeSystem } from 'medcode';\nconst s = detectCodeSystem('E11.9')[0]?.system; // => 'icd10cm'",
    );
    await expect(import(writeTsBlock(wrong, 900))).rejects.toThrow(/x\.md:2/);
    await expect(import(writeTsBlock(right, 901))).resolves.toBeDefined();
    expect(tsModule(right, 'check')).toContain("__docCheck(s, () => ('icd10cm')");
  });
  it('reads shell commands, their exit status and their output', () => {
    const [c] = commandsOf(
      block('console', '$ medcode check "E11 9" --date 2026-05-01   # => exit 1\nE11 9  …\n'),
    );
    expect(c).toMatchObject({
      argv: ['check', 'E11 9', '--date', '2026-05-01'],
      exit: 1,
      expected: ['E11 9  …'],
    });
    expect(() => assertOutput('a\nb\n', ['b', 'a'], 'x')).toThrow(/not found/);
  });
});
