import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every export and public class member in these areas must carry an `@example` (docs/contributing.md). */
const AREAS = [
  'src/core',
  'src/hcpcs',
  'src/cpt',
  'src/icd10pcs',
  'src/ncci',
  'src/rules',
  'src/hcc',
  'src/pfs',
  'src/report',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const hasExample = (node: ts.Node): boolean =>
  ts.getJSDocTags(node).some((t) => t.tagName.text === 'example');
const exported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) &&
  (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

describe('@example on every export and public method', () => {
  it.each(AREAS)('%s', (area) => {
    const missing: string[] = [];
    for (const file of files(area)) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
      sf.forEachChild((n) => {
        if (!exported(n)) return;
        if ((ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n)) && n.name && !hasExample(n))
          missing.push(`${file} ${n.name.text}`);
        if (!ts.isClassDeclaration(n)) return;
        for (const m of n.members) {
          if (!(ts.isMethodDeclaration(m) || ts.isGetAccessor(m)) || ts.isPrivateIdentifier(m.name)) continue;
          if (
            (ts.getModifiers(m) ?? []).some(
              (x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword,
            )
          )
            continue;
          if (!hasExample(m)) missing.push(`${file} ${n.name?.text}.${m.name.getText(sf)}`);
        }
      });
    }
    expect(missing).toEqual([]);
  });
});
