/**
 * `medcode convert <in> --to x12|fhir|json|cms1500|pdf`: claims from claim JSON, an 837P or FHIR R4
 * Claim JSON, written in another format (`pdf`: the CMS-1500 form, printable). All or nothing: when any claim cannot be read or written,
 * nothing is written and every problem is printed.
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toCms1500 } from '../claims/cms1500';
import { toCms1500Pdf } from '../claims/cms1500-pdf';
import { toFhirClaim } from '../claims/fhir';
import { DEFAULT_X12_SEPARATORS } from '../claims/x12/envelope';
import { toX12837P } from '../claims/x12/writer';
import type { Claim, Cms1500Form, FhirClaim, X12Envelope, X12Separators } from '../claims/index';
import type { MedcodeIssue } from '../core/issues';
import { describeFsError, readClaimFile } from './input';
import { CliError, escapeControl, EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE, parseCommandArgs } from './io';
import type { CliIo } from './io';

const OPTIONS = {
  to: { type: 'string', short: 't' },
  out: { type: 'string', short: 'o' },
  // X12 envelope
  envelope: { type: 'string' },
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
  // CMS-1500 PDF
  mode: { type: 'string' },
} as const;

type Target = 'x12' | 'fhir' | 'json' | 'cms1500' | 'pdf';
const TARGETS: readonly Target[] = ['x12', 'fhir', 'json', 'cms1500', 'pdf'];

/**
 * The targets each format option writes into: one given for another target would be ignored, and a
 * user who typed `--to json --mode data` would not learn that nothing came of it.
 */
const TARGETS_OF_OPTION: ReadonlyMap<string, readonly Target[]> = new Map<string, readonly Target[]>([
  ...[
    'envelope',
    'sender-id',
    'sender-qualifier',
    'receiver-id',
    'receiver-qualifier',
    'receiver-name',
    'submitter-name',
    'submitter-id',
    'contact-name',
    'contact-phone',
    'contact-email',
    'control-number',
    'created-at',
    'usage',
    'separators',
    'line-breaks',
  ].map((option): [string, readonly Target[]] => [option, ['x12']]),
  ['hcpcs-uri', ['fhir']],
  ['pointers-per-line', ['cms1500', 'pdf']],
  ['mode', ['pdf']],
]);

/** Refuses a format option given for a target it does not apply to (a usage error, exit 2). */
function checkOptionsApply(values: Readonly<Record<string, unknown>>, to: Target): void {
  for (const [option, targets] of TARGETS_OF_OPTION)
    if (values[option] !== undefined && !targets.includes(to))
      throw new CliError(
        `--${option} applies to --to ${targets.join(' or --to ')} only (received --to ${to})`,
      );
}

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
        ? 'missing input file (medcode convert <in> --to x12|fhir|json|cms1500|pdf)'
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
  checkOptionsApply(values, to);
  // Option values are checked before the (possibly large) input is read.
  const hcpcsSystem = readChoice(values['hcpcs-uri'], ['http', 'https'] as const, '--hcpcs-uri', 'http');
  const pointers = readChoice(values['pointers-per-line'], ['4', '1'] as const, '--pointers-per-line', '4');
  const pdfMode = readChoice(values.mode, ['form', 'data'] as const, '--mode', 'form');
  // A PDF is binary: it goes to a file, never to the terminal.
  if (to === 'pdf' && values.out === undefined) throw new CliError('--to pdf needs --out <file.pdf>');
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

  let output: string | Uint8Array;
  switch (to) {
    case 'pdf': {
      const r = await toCms1500Pdf(claims, { mode: pdfMode, pointersPerLine: pointers === '1' ? 1 : 4 });
      for (const i of r.issues) (i.severity === 'error' ? problems : warnings).push(i.message);
      if (!r.ok) return fail(io, file, problems, warnings);
      output = r.value;
      break;
    }
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
      const written = toX12837P(claims, { ...envelopeFrom(values, claims, io), separators });
      // The envelope is made of option values: the writer's refusal of one is a usage error that
      // names the option, not a problem of the input file.
      const optionErrors = written.issues.filter(isEnvelopeOptionIssue);
      if (optionErrors.length > 0)
        throw new CliError(optionErrors.map((i) => envelopeOptionError(i, values.envelope)).join('; '));
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
  } else if (typeof output === 'string') io.stdout.write(output);
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

/** An `invalid_option` issue of the 837P writer about an envelope value (path `['envelope', …]`). */
function isEnvelopeOptionIssue(
  issue: MedcodeIssue,
): issue is MedcodeIssue & { readonly code: 'invalid_option'; readonly expected: string } {
  return issue.code === 'invalid_option' && issue.severity === 'error' && issue.path[0] === 'envelope';
}

/** The command-line options that fill each envelope field (the writer's path after `envelope`). */
const ENVELOPE_FLAGS: ReadonlyMap<string, string> = new Map([
  ['sender', '--sender-id or --sender-qualifier'],
  ['sender.id', '--sender-id'],
  ['sender.qualifier', '--sender-qualifier'],
  ['receiver', '--receiver-id or --receiver-qualifier'],
  ['receiver.id', '--receiver-id'],
  ['receiver.qualifier', '--receiver-qualifier'],
  ['receiverName', '--receiver-name'],
  ['submitter', '--submitter-name, --submitter-id, --contact-name, --contact-phone or --contact-email'],
  ['submitter.name', '--submitter-name'],
  ['submitter.id', '--submitter-id'],
  ['submitter.contactName', '--contact-name'],
  ['submitter.phone', '--contact-phone'],
  ['submitter.email', '--contact-email'],
  ['interchangeControlNumber', '--control-number'],
  ['createdAt', '--created-at'],
  ['usage', '--usage'],
  ['separators', '--separators'],
]);

/**
 * One envelope option refused by the writer, worded by the option that set it: the most specific
 * field the issue's path names (`sender.qualifier` before `sender`), else the envelope field itself.
 */
function envelopeOptionError(
  issue: MedcodeIssue & { readonly expected: string },
  envelopeFile: string | undefined,
): string {
  const fields = issue.path.slice(1).map(String);
  let flags: string | undefined;
  for (let n = fields.length; n > 0 && flags === undefined; n--)
    flags = ENVELOPE_FLAGS.get(fields.slice(0, n).join('.'));
  const field = fields.join('.') || 'envelope';
  const where = flags ?? `the envelope's ${field}`;
  const file = envelopeFile !== undefined ? ` (or ${field} in ${envelopeFile})` : '';
  return `${where}${file} must be ${issue.expected}`;
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
 * The X12 envelope from `--envelope <file.json>` (a partial {@link X12Envelope}: `sender`,
 * `receiver`, `receiverName`, `submitter`, …) and the options, which win over the file. Defaults
 * come from real data only: receiver = the first claim's payer, submitter name = its billing
 * provider, submitter id = the sender id, created-at = now (local), control number 1, usage T.
 * The sender id and a submitter phone or email are required: no placeholder is ever written
 * (1000A PER is required, 005010X222A1 loop 1000A PER; ISA06 identifies the real sender).
 */
function envelopeFrom(values: ConvertValues, claims: readonly Claim[], io: CliIo): X12Envelope {
  const file = values.envelope !== undefined ? readEnvelopeFile(values.envelope, io) : {};
  const usage = readChoice(values.usage ?? file.usage, ['T', 'P'] as const, '--usage', 'T');
  const payer = claims[0]?.payer;
  // A value given (option, then file), else one derived from the claims (real data).
  const need = (name: string, ...candidates: (string | undefined)[]): string => {
    for (const c of candidates) if (c !== undefined && c !== '') return c;
    throw new CliError(`--${name} is required (or set it in the --envelope file)`);
  };
  const senderId = need('sender-id', values['sender-id'], file.sender?.id);
  const receiverId = need('receiver-id', values['receiver-id'], file.receiver?.id, payer?.id);
  const submitterName = need(
    'submitter-name',
    values['submitter-name'],
    file.submitter?.name,
    claims[0]?.billingProvider?.name,
  );
  const phone = values['contact-phone'] ?? file.submitter?.phone;
  const email = values['contact-email'] ?? file.submitter?.email;
  if (!phone && !email)
    throw new CliError('--contact-phone or --contact-email is required (or set it in the --envelope file)');
  const rawIcn = values['control-number'] ?? String(file.interchangeControlNumber ?? '1');
  const icn = Number(rawIcn);
  if (!/^\d{1,9}$/.test(rawIcn) || icn < 1)
    throw new CliError(`--control-number must be a whole number from 1 to 999999999 (received "${rawIcn}")`);
  const createdAt = values['created-at'] ?? localDateTime(new Date());
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(createdAt))
    throw new CliError(`--created-at must be a local date-time YYYY-MM-DDTHH:MM (received "${createdAt}")`);
  const senderQualifier = values['sender-qualifier'] ?? file.sender?.qualifier;
  const receiverQualifier = values['receiver-qualifier'] ?? file.receiver?.qualifier;
  return {
    sender: { id: senderId, ...(senderQualifier ? { qualifier: senderQualifier } : {}) },
    receiver: { id: receiverId, ...(receiverQualifier ? { qualifier: receiverQualifier } : {}) },
    submitter: {
      name: submitterName,
      id: need('submitter-id', values['submitter-id'], file.submitter?.id, senderId),
      contactName: need('contact-name', values['contact-name'], file.submitter?.contactName, submitterName),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
    },
    receiverName: need('receiver-name', values['receiver-name'], file.receiverName, payer?.name, receiverId),
    interchangeControlNumber: icn,
    createdAt,
    usage,
    separators: readSeparators(values.separators),
    lineBreaks: values['line-breaks'] === true,
  };
}

/** The parts of an {@link X12Envelope} an `--envelope` file may hold (all optional). */
interface EnvelopeFile {
  readonly sender?: { readonly id?: string | undefined; readonly qualifier?: string | undefined } | undefined;
  readonly receiver?:
    | { readonly id?: string | undefined; readonly qualifier?: string | undefined }
    | undefined;
  readonly receiverName?: string | undefined;
  readonly submitter?: {
    readonly name?: string | undefined;
    readonly id?: string | undefined;
    readonly contactName?: string | undefined;
    readonly phone?: string | undefined;
    readonly email?: string | undefined;
  };
  readonly interchangeControlNumber?: number;
  readonly usage?: string | undefined;
}

function readEnvelopeFile(path: string, io: CliIo): EnvelopeFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(io.cwd, path), 'utf8'));
  } catch {
    throw new CliError(`--envelope ${path}: cannot read it as JSON`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new CliError(`--envelope ${path}: expected a JSON object (sender, receiver, submitter, …)`);
  const o = parsed as Record<string, unknown>;
  const text = (v: unknown, where: string): string | undefined => {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new CliError(`--envelope ${path}: ${where} must be a string`);
    return v;
  };
  const party = (v: unknown, where: string) => {
    if (v === undefined) return undefined;
    if (v === null || typeof v !== 'object')
      throw new CliError(`--envelope ${path}: ${where} must be an object`);
    const p = v as Record<string, unknown>;
    return { id: text(p.id, `${where}.id`), qualifier: text(p.qualifier, `${where}.qualifier`) };
  };
  const sub = o.submitter;
  if (sub !== undefined && (sub === null || typeof sub !== 'object'))
    throw new CliError(`--envelope ${path}: submitter must be an object`);
  const s = (sub ?? {}) as Record<string, unknown>;
  const icn = o.interchangeControlNumber;
  if (icn !== undefined && typeof icn !== 'number')
    throw new CliError(`--envelope ${path}: interchangeControlNumber must be a number`);
  return {
    sender: party(o.sender, 'sender'),
    receiver: party(o.receiver, 'receiver'),
    receiverName: text(o.receiverName, 'receiverName'),
    submitter: {
      name: text(s.name, 'submitter.name'),
      id: text(s.id, 'submitter.id'),
      contactName: text(s.contactName, 'submitter.contactName'),
      phone: text(s.phone, 'submitter.phone'),
      email: text(s.email, 'submitter.email'),
    },
    ...(icn !== undefined ? { interchangeControlNumber: icn } : {}),
    usage: text(o.usage, 'usage'),
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

const HELP = `Usage: medcode convert <in> --to x12|fhir|json|cms1500|pdf [--out <file>] [options]

Reads claim JSON (one claim or an array), an X12 837P interchange, or FHIR R4 Claim JSON (a
resource, an array or a Bundle; "-" for standard input), and writes the claims as:
  x12      one 837P (005010X222A1) interchange holding every claim
  fhir     a FHIR R4 Claim (several claims: a Bundle of type "collection")
  json     medcode claim JSON (several claims: an array)
  cms1500  CMS-1500 (02/12) field maps keyed by NUCC item number, 6 lines per page
           ({ claimId, pages, totalCharge } per claim)
  pdf      the CMS-1500 (02/12) as a printable PDF, every claim's pages in one file
           (needs --out)
All or nothing: if any claim cannot be read or written, nothing is written (exit 1).
A bad option value, an envelope value the 837P writer refuses included, is a usage
error (exit 2).

Options:
  -t, --to <format>          x12 | fhir | json | cms1500 | pdf (required)
  -o, --out <file>           write there instead of standard output
  -h, --help                 this help

X12 envelope (defaults in brackets):
  --envelope <file.json>     sender, receiver, receiverName, submitter {name, id, contactName,
                             phone, email}, interchangeControlNumber, usage; options win
  --usage T|P                ISA15 test or production [T]
  --sender-id <id>           ISA06, GS02 (required)
  --sender-qualifier <q>     ISA05 [ZZ]
  --receiver-id <id>         ISA08, GS03, 1000B NM109 [the first claim's payer id]
  --receiver-qualifier <q>   ISA07 [ZZ]
  --receiver-name <name>     1000B NM103 [the first claim's payer name]
  --submitter-name <name>    1000A NM103 [the first claim's billing provider name]
  --submitter-id <id>        1000A NM109 [the sender id]
  --contact-name <name>      1000A PER02 [the submitter name]
  --contact-phone <number>   1000A PER TE, written AAABBBCCCC (this or --contact-email is required)
  --contact-email <address>  1000A PER EM
  --control-number <n>       ISA13 = IEA02, GS06, ST02 from it [1]
  --created-at <YYYY-MM-DDTHH:MM>  ISA09/10, GS04/05, BHT04/05 [now, local time]
  --separators <4 chars>     element, component, repetition, segment ["*:^~"]
  --line-breaks              newline after each segment (readability)

FHIR:      --hcpcs-uri http|https   HCPCS Level II system URI to write [http, THO 1.0.2]
CMS-1500:  --pointers-per-line 4|1  diagnosis pointers printed in 24E [4; Medicare asks for 1]
PDF:       --mode form|data         form: the form drawn with the data (plain paper) [form];
                                    data: the data alone, for pre-printed red-ink forms
`;
