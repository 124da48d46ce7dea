/**
 * medcode demo (`npm run demo`, README Quick start): validates every claim in `examples/*.json`
 * with the Medicare professional rules, prints each claim's edits as a table, then prints one clean
 * claim as an X12 837P interchange and as a FHIR R4 Claim.
 *
 * It runs on the sources through tsx and uses only what the package exports (`medcode/claims`,
 * `medcode/rules`, `medcode/hcpcs`, `medcode/icd10cm`, … are `src/<area>/index.ts` here).
 *
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseClaim, toFhirClaim, toX12837P } from '../src/claims/index';
import type { Claim, X12Envelope } from '../src/claims/index';
import { formatPath } from '../src/core/index';
import { validateClaim } from '../src/rules/index';
import type { ClaimValidation } from '../src/rules/index';
import { renderTable } from '../src/cli/table';

const here = dirname(fileURLToPath(import.meta.url));
const width = process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 120;
const rule = (title: string) => `\n${title}\n${'='.repeat(Math.min(title.length, width))}\n`;

function main(): number {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const clean: Claim[] = [];

  process.stdout.write(
    rule(`Validating ${files.length} example claims (profile medicare-professional, plus the MCE age edit)`),
  );
  for (const file of files) {
    const parsed = parseClaim(readFileSync(join(here, file), 'utf8'));
    if (!parsed.ok) {
      process.stdout.write(
        `\n${file}: not a valid claim\n${parsed.issues.map((i) => `  ${i.message}`).join('\n')}\n`,
      );
      continue;
    }
    const claim = parsed.value;
    // The professional profile leaves the MCE age edit off (CMS defines the MCE for inpatient
    // claims); claim scrubbers apply the same newborn/adult diagnosis-age conflict to office claims,
    // so the demo turns it on to show newborn-code-on-adult.json.
    // validateClaim checks the codes against the built-in code sets in force on each line's date.
    // "Today" is fixed within the examples' filing limit (one calendar year after their 2026 dates of
    // service): run later, the demo still shows the edit each example was written for.
    const result: ClaimValidation = validateClaim(claim, {
      profile: 'medicare-professional',
      rules: { 'mce-age': true },
      today: '2026-11-27',
    });
    const warnings = result.issues.some((e) => e.severity === 'warning');
    const verdict =
      result.status === 'not_checked'
        ? 'NOT CHECKED (no code set for its date of service)'
        : !result.ok
          ? 'would be denied'
          : warnings
            ? 'passes with warnings'
            : result.issues.length > 0
              ? 'clean (notes only)'
              : 'clean';
    process.stdout.write(`\n${file} (${claim.claimId}): ${verdict}\n`);
    if (result.issues.length > 0) {
      const rows = result.issues.map((e) => {
        const [head, index] = e.path;
        const line =
          head === 'lines' && typeof index === 'number'
            ? String(index + 1)
            : head === 'diagnoses' && typeof index === 'number'
              ? `dx ${index + 1}`
              : 'claim';
        const prefix = e.path.length > 0 ? `${formatPath(e.path)}: ` : '';
        const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
        return [line, e.codes.join(' '), e.severity, e.rule, message, e.remedy ?? ''];
      });
      process.stdout.write(
        `${renderTable(['line', 'codes', 'severity', 'rule', 'message', 'remedy'], rows, { width, wrap: [4, 5] })}\n`,
      );
    }
    // "No data" is never a pass: say what exactly could not run (e.g. CPT existence, for want of
    // the AMA's licensed descriptors), not the whole rule, whose other checks did run.
    for (const s of result.skipped)
      process.stdout.write(
        `  ${/not checked/.test(s.reason) ? '' : 'not checked: '}${s.reason} [${s.rule}]\n`,
      );
    // Informational notes (e.g. "use additional code") do not stop a claim; warnings and errors do.
    if (result.ok && !warnings) clean.push(claim);
  }

  const sample = clean[0];
  if (!sample) {
    process.stdout.write('\nNo clean claim to print.\n');
    return 1;
  }

  // Envelope values are explicit so that the output is reproducible (docs/x12-837p.md).
  const envelope: X12Envelope = {
    sender: { id: 'MEDCODEDEMO' },
    receiver: { id: sample.payer?.id ?? 'PAYER' },
    submitter: {
      name: 'MEDCODE DEMO BILLING',
      id: 'MEDCODEDEMO',
      contactName: 'DEMO CONTACT',
      email: 'demo@example.com',
    },
    receiverName: sample.payer?.name ?? 'PAYER',
    interchangeControlNumber: 1,
    createdAt: '2026-05-02T10:30',
    usage: 'T',
    lineBreaks: true,
  };
  const x12 = toX12837P([sample], envelope);
  process.stdout.write(rule(`${sample.claimId} as X12 837P (005010X222A1)`));
  if (x12.ok) process.stdout.write(x12.value.endsWith('\n') ? x12.value : `${x12.value}\n`);
  else process.stdout.write(`${x12.issues.map((i) => i.message).join('\n')}\n`);

  process.stdout.write(rule(`${sample.claimId} as a FHIR R4 Claim`));
  const fhir = toFhirClaim(sample);
  if (fhir.ok) process.stdout.write(`${JSON.stringify(fhir.value, null, 2)}\n`);
  else process.stdout.write(`${fhir.issues.map((i) => i.message).join('\n')}\n`);
  return x12.ok && fhir.ok ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
