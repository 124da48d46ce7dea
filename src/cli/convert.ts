/**
 * `medcode convert <in> --to x12|fhir|json|cms1500`: claims from claim JSON, an 837P or FHIR R4
 * Claim JSON, written in another format. All or nothing: when any claim cannot be read or written,
 * nothing is written and every problem is printed.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_X12_SEPARATORS, toCms1500, toFhirClaim, toX12837P } from '../claims/index';
import type { Claim, Cms1500Form, FhirClaim, X12Envelope, X12Separators } from '../claims/index';
import type { MedcodeIssue } from '../core/issues';
import { describeFsError, readClaimFile } from './input';
import { CliError, escapeControl, EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, parseCommandArgs } from './io';
import type { CliIo } from './io';

const OPTIONS = {
  to: { type: 'string', short: 't' },
  out: { type: 'string', short: 'o' },
  // X12 envelope
  'sender-id': { type: 'string' },
  'sender-qualifier': { type: 'string' },
  'receiver-id': { type: 'string' },
  'receiver-qualifier': { type: 'string' },
  'receiver-name': { type: 'string' },
  'submitter-name': { type: 'string' },
  'submitter-id': { type: 'string' },
  'contact-name': { type: 'string' },
  'contact-phone': { type: 'string' },
  'contact-email': { type: 'string' },
  'control-number': { type: 'string' },
  'created-at': { type: 'string' },
  usage: { type: 'string' },
  separators: { type: 'string' },
  'line-breaks': { type: 'boolean' },
  // FHIR
  'hcpcs-uri': { type: 'string' },
  // CMS-1500
  'pointers-per-line': { type: 'string' },
} as const;

type Target = 'x12' | 'fhir' | 'json' | 'cms1500';
const TARGETS: readonly Target[] = ['x12', 'fhir', 'json', 'cms1500'];

/** The placeholder identities used for test interchanges when none are given (ISA15 = T only). */
const PLACEHOLDER = {
  senderId: 'MEDCODE',
  submitterName: 'MEDCODE TEST SUBMITTER',
  contactPhone: '0000000000',
} as const;

/**
 * Runs `medcode convert`. Exit 1 when the input has unreadable claims or cannot be written in the
 * target format (nothing is written then); 2 on a usage error.
 *
 * @example
 * ```ts
 * await runConvert(['examples/clean-office-visit.json', '--to', 'fhir'], io) // 0, FHIR Claim on stdout
 * ```
 */
export async function runConvert(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1)
    throw new CliError(
      positionals.length === 0
        ? 'missing input file (medcode convert <in> --to x12|fhir|json|cms1500)'
        : `convert takes one input file (received ${positionals.length})`,
    );
  const to = TARGETS.find((t) => t === values.to);
  if (!to)
    throw new CliError(
      values.to === undefined
        ? `missing --to (one of ${TARGETS.join(', ')})`
        : `--to must be one of ${TARGETS.join(', ')} (received "${values.to}")`,
    );
  const file = positionals[0]!;
  // Option values are checked before the (possibly large) input is read.
  const hcpcsSystem = readChoice(values['hcpcs-uri'], ['http', 'https'] as const, '--hcpcs-uri', 'http');
  const pointers = readChoice(values['pointers-per-line'], ['4', '1'] as const, '--pointers-per-line', '4');
  readChoice(values.usage, ['T', 'P'] as const, '--usage', 'T');
  const separators = readSeparators(values.separators);

  // Read everything first: a conversion is all or nothing.
  const claims: Claim[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  for await (const item of readClaimFile(file, io.cwd, io.stderr, io.stdin)) {
    if (item.kind === 'claim') {
      claims.push(item.claim);
      for (const w of item.issues) warnings.push(`${item.label}: ${w.message}`);
    } else if (item.kind === 'unreadable') {
      for (const i of item.issues) problems.push(`${item.label}: ${i.message}`);
    } else if (item.issue.severity === 'error') problems.push(item.issue.message);
    else warnings.push(item.issue.message);
  }
  if (problems.length === 0 && claims.length === 0) problems.push('the file holds no claim');
  if (problems.length > 0) return fail(io, file, problems);

  let output: string;
  switch (to) {
    case 'json':
      output = `${JSON.stringify(claims.length === 1 ? claims[0] : claims, null, 2)}\n`;
      break;
    case 'fhir': {
      const resources: FhirClaim[] = [];
      for (const c of claims) {
        const r = toFhirClaim(c, { hcpcsSystem });
        for (const i of r.issues)
          (i.severity === 'error' ? problems : warnings).push(`${c.claimId}: ${i.message}`);
        if (r.ok) resources.push(r.value);
      }
      if (problems.length > 0) return fail(io, file, problems, warnings);
      // Several claims go out as a FHIR Bundle of type collection (one resource each).
      const doc =
        resources.length === 1
          ? resources[0]
          : {
              resourceType: 'Bundle',
              type: 'collection',
              entry: resources.map((resource) => ({ resource })),
            };
      output = `${JSON.stringify(doc, null, 2)}\n`;
      break;
    }
    case 'cms1500': {
      const forms: { claimId: string; pages: Cms1500Form['pages']; totalCharge: string }[] = [];
      for (const c of claims) {
        const r = toCms1500(c, { pointersPerLine: pointers === '1' ? 1 : 4 });
        for (const i of r.issues)
          (i.severity === 'error' ? problems : warnings).push(`${c.claimId}: ${i.message}`);
        if (r.ok) forms.push({ claimId: c.claimId, pages: r.value.pages, totalCharge: r.value.totalCharge });
      }
      if (problems.length > 0) return fail(io, file, problems, warnings);
      output = `${JSON.stringify(forms.length === 1 ? forms[0] : forms, null, 2)}\n`;
      break;
    }
    case 'x12': {
      const written = toX12837P(claims, { ...envelopeFrom(values, claims), separators });
      const errs: MedcodeIssue[] = written.issues.filter((i) => i.severity === 'error');
      for (const w of written.issues) if (w.severity !== 'error') warnings.push(w.message);
      if (!written.ok || errs.length > 0)
        return fail(
          io,
          file,
          errs.map((i) => i.message),
          warnings,
        );
      output = written.value.endsWith('\n') ? written.value : `${written.value}\n`;
      break;
    }
  }
  for (const w of warnings) io.stderr.write(`medcode convert: warning: ${escapeControl(w)}\n`);
  if (values.out !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, values.out), output);
    } catch (error) {
      throw new CliError(`cannot write ${values.out}: ${describeFsError(error)}`, EXIT_USAGE);
    }
    io.stderr.write(
      `medcode convert: wrote ${claims.length} claim${claims.length === 1 ? '' : 's'} as ${to} to ${values.out}\n`,
    );
  } else io.stdout.write(output);
  return EXIT_OK;
}

function fail(
  io: CliIo,
  file: string,
  problems: readonly string[],
  warnings: readonly string[] = [],
): number {
  for (const p of problems) io.stderr.write(`medcode convert: ${escapeControl(`${file}: ${p}`)}\n`);
  for (const w of warnings) io.stderr.write(`medcode convert: warning: ${escapeControl(w)}\n`);
  io.stderr.write(
    `medcode convert: nothing written (${problems.length} problem${problems.length === 1 ? '' : 's'})\n`,
  );
  return EXIT_INPUT_ERRORS;
}

function readChoice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  const found = allowed.find((a) => a === value);
  if (!found) throw new CliError(`${name} must be one of ${allowed.join(', ')} (received "${value}")`);
  return found;
}

type ConvertValues = {
  readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

/**
 * The X12 envelope from the options. Defaults: receiver = the first claim's payer, submitter = its
 * billing provider, created-at = now (local), control number 1, usage T. Only a test interchange
 * (`--usage T`) falls back on placeholders (sender `MEDCODE`, phone `0000000000`); a production one
 * (`--usage P`) must be given them.
 */
function envelopeFrom(values: ConvertValues, claims: readonly Claim[]): X12Envelope {
  const usage = readChoice(values.usage, ['T', 'P'] as const, '--usage', 'T');
  const payer = claims[0]?.payer;
  // A value given, else one derived from the claims (real data), else a placeholder (test only).
  const need = (
    name: string,
    value: string | undefined,
    derived: string | undefined,
    placeholder?: string,
  ): string => {
    if (value !== undefined && value !== '') return value;
    if (derived !== undefined && derived !== '') return derived;
    if (usage === 'T' && placeholder !== undefined) return placeholder;
    throw new CliError(
      `--${name} is required${usage === 'P' ? ' for a production interchange (--usage P)' : ''}`,
    );
  };
  const senderId = need('sender-id', values['sender-id'], undefined, PLACEHOLDER.senderId);
  const receiverId = need('receiver-id', values['receiver-id'], payer?.id);
  const submitterName = need(
    'submitter-name',
    values['submitter-name'],
    claims[0]?.billingProvider?.name,
    PLACEHOLDER.submitterName,
  );
  const phone = values['contact-phone'];
  const email = values['contact-email'];
  if (usage === 'P' && !phone && !email)
    throw new CliError(
      '--contact-phone or --contact-email is required for a production interchange (--usage P)',
    );
  const rawIcn = values['control-number'] ?? '1';
  const icn = Number(rawIcn);
  if (!/^\d{1,9}$/.test(rawIcn) || icn < 1)
    throw new CliError(`--control-number must be a whole number from 1 to 999999999 (received "${rawIcn}")`);
  const createdAt = values['created-at'] ?? localDateTime(new Date());
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(createdAt))
    throw new CliError(`--created-at must be a local date-time YYYY-MM-DDTHH:MM (received "${createdAt}")`);
  return {
    sender: {
      id: senderId,
      ...(values['sender-qualifier'] ? { qualifier: values['sender-qualifier'] } : {}),
    },
    receiver: {
      id: receiverId,
      ...(values['receiver-qualifier'] ? { qualifier: values['receiver-qualifier'] } : {}),
    },
    submitter: {
      name: submitterName,
      id: need('submitter-id', values['submitter-id'], senderId),
      contactName: need('contact-name', values['contact-name'], submitterName),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(!phone && !email ? { phone: PLACEHOLDER.contactPhone } : {}),
    },
    receiverName: need('receiver-name', values['receiver-name'], payer?.name ?? receiverId),
    interchangeControlNumber: icn,
    createdAt,
    usage,
    separators: readSeparators(values.separators),
    lineBreaks: values['line-breaks'] === true,
  };
}

function readSeparators(value: string | undefined): X12Separators {
  if (value === undefined) return DEFAULT_X12_SEPARATORS;
  const chars = [...value];
  if (chars.length !== 4)
    throw new CliError(
      `--separators takes four characters: element, component, repetition, segment (e.g. "*:^~"; received "${value}")`,
    );
  return { element: chars[0]!, component: chars[1]!, repetition: chars[2]!, segment: chars[3]! };
}

function localDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

const HELP = `Usage: medcode convert <in> --to x12|fhir|json|cms1500 [--out <file>] [options]

Reads claim JSON (one claim or an array), an X12 837P interchange, or FHIR R4 Claim JSON (a
resource, an array or a Bundle; "-" for standard input), and writes the claims as:
  x12      one 837P (005010X222A1) interchange holding every claim
  fhir     a FHIR R4 Claim (several claims: a Bundle of type "collection")
  json     medcode claim JSON (several claims: an array)
  cms1500  CMS-1500 (02/12) field maps keyed by NUCC item number, 6 lines per page
           ({ claimId, pages, totalCharge } per claim)
All or nothing: if any claim cannot be read or written, nothing is written (exit 1).

Options:
  -t, --to <format>          x12 | fhir | json | cms1500 (required)
  -o, --out <file>           write there instead of standard output
  -h, --help                 this help

X12 envelope (defaults in brackets):
  --usage T|P                ISA15 test or production [T]. A production interchange needs
                             --sender-id, --contact-phone or --contact-email, and real names:
                             no placeholder is ever written into one.
  --sender-id <id>           ISA06, GS02 [MEDCODE, test only]
  --sender-qualifier <q>     ISA05 [ZZ]
  --receiver-id <id>         ISA08, GS03, 1000B NM109 [the first claim's payer id]
  --receiver-qualifier <q>   ISA07 [ZZ]
  --receiver-name <name>     1000B NM103 [the first claim's payer name]
  --submitter-name <name>    1000A NM103 [the first claim's billing provider name]
  --submitter-id <id>        1000A NM109 [the sender id]
  --contact-name <name>      1000A PER02 [the submitter name]
  --contact-phone <digits>   1000A PER TE [0000000000, test only]
  --contact-email <address>  1000A PER EM
  --control-number <n>       ISA13 = IEA02, GS06, ST02 from it [1]
  --created-at <YYYY-MM-DDTHH:MM>  ISA09/10, GS04/05, BHT04/05 [now, local time]
  --separators <4 chars>     element, component, repetition, segment ["*:^~"]
  --line-breaks              newline after each segment (readability)

FHIR:      --hcpcs-uri http|https   HCPCS Level II system URI to write [http, THO 1.0.2]
CMS-1500:  --pointers-per-line 4|1  diagnosis pointers printed in 24E [4; Medicare asks for 1]
`;
