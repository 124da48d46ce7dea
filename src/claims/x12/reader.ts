/**
 * The 837P reader: segments in, claims out, one claim at a time.
 *
 * A claim (loop 2300 with its 2400 lines) is only handed out once the segment that closes it has
 * been seen (the next CLM, HL or SE) and it passed every check; a claim cut short by the end of the
 * input, or with any error, comes out as `rejected` with its issues, never as a claim.
 *
 * Loop and qualifier facts: ASC X12 837P implementation guide 005010X222A1 (loops 1000A–2400 and
 * their segments, as also encoded in the pyx12 map 837.5010.X222.A1.xml).
 *
 * @module
 */
import { createIssue } from '../../core/issues';
import type { MedcodeIssue, X12SegmentReason, X12SyntaxReason } from '../../core/issues';
import type { Address, Provider } from './model';
import { centsToMoney, toCents } from './money';
import { X12_837P_VERSION } from './envelope';
import { X12Tokenizer } from './tokenizer';
import { parseClaim } from '../parse';
import { ICD10CM_UNDOTTED } from '../formats';
import type { X12Segment } from './tokenizer';
import type { X12ReadItem } from './read-item';
import {
  CLAIM_DTP,
  COB_START,
  LINE_DTP,
  OTHER_HI,
  RELATIONSHIP,
  SEGMENTS_837P,
  SEX,
  SKIPPED_NM1,
  SV101_QUALIFIERS,
} from './vocabulary';
import { assemble, dotDiagnosis, isoFromD8 } from './claim-draft';
import type {
  ClaimDraft,
  LineDraft,
  Loop,
  PatientCtx,
  Person,
  ProviderCtx,
  SubscriberCtx,
} from './claim-draft';

export type { X12ReadItem } from './read-item';

/**
 * Reads an 837P incrementally: `push` text chunks, then `end`. Each call returns the items
 * completed so far. Synchronous and pure apart from its own state; never throws on any input.
 *
 * @example
 * ```ts
 * const reader = new X12837PReader();
 * const items = [...reader.push(text), ...reader.end()];
 * const claims = items.flatMap((i) => (i.kind === 'claim' ? [i.claim] : []));
 * ```
 */
export class X12837PReader {
  private readonly tokenizer = new X12Tokenizer();
  private out: X12ReadItem[] = [];
  private loop: Loop = 'none';
  // Envelope state.
  private isa: X12Segment | undefined;
  private gs: X12Segment | undefined;
  private groupSkip = false;
  private st: X12Segment | undefined;
  private groupsInInterchange = 0;
  private txInGroup = 0;
  private txStartPosition = 0;
  private txOk = true;
  private txClaims = 0;
  // Hierarchy.
  private provider: ProviderCtx | undefined;
  private subscriber: SubscriberCtx | undefined;
  private patient: PatientCtx | undefined;
  private claim: ClaimDraft | undefined;
  private line: LineDraft | undefined;
  private lineRendering: Partial<Provider> | undefined;
  private stopped = false;

  /** Adds text; returns the items it completes. */
  push(text: string): X12ReadItem[] {
    if (this.stopped) return [];
    if (typeof text !== 'string') return [];
    for (const segment of this.tokenizer.push(text)) this.segment(segment);
    this.flushTokenizerIssues();
    return this.take();
  }

  /** Ends the input; reports truncation and returns the last items. */
  end(): X12ReadItem[] {
    if (!this.stopped) {
      for (const segment of this.tokenizer.end()) this.segment(segment);
      this.flushTokenizerIssues();
    }
    const position = this.lastPosition + 1;
    if (this.claim) this.rejectClaim(this.claim, 'truncated', position);
    this.claim = undefined;
    if (!this.stopped && (this.isa || this.gs || this.st)) {
      const open = this.st ? 'SE' : this.gs ? 'GE' : 'IEA';
      this.syntax('truncated', position, undefined, `${open} before the end of the input`);
    }
    this.isa = this.gs = this.st = undefined;
    this.stopped = true;
    return this.take();
  }

  private lastPosition = 0;

  private take(): X12ReadItem[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  private flushTokenizerIssues(): void {
    if (this.tokenizer.issues.length > 0) {
      for (const issue of this.tokenizer.issues) {
        if (this.claim && (issue.code !== 'x12_syntax' || issue.reason !== 'not_x12')) {
          this.claim.issues.push(issue);
          this.claim.errors++;
        } else {
          this.out.push({ kind: 'issue', issue });
        }
      }
      this.tokenizer.issues.length = 0;
    }
    if (this.tokenizer.fatal && !this.stopped) {
      if (this.claim) this.rejectClaim(this.claim, undefined, this.lastPosition + 1);
      this.claim = undefined;
      this.stopped = true;
    }
  }

  // ---- issues -----------------------------------------------------------------------------------

  private syntax(
    reason: X12SyntaxReason,
    segmentPosition: number,
    segmentId: string | undefined,
    expected?: string,
    received?: string,
    elementPosition?: number,
  ): void {
    this.txOk = false;
    this.out.push({
      kind: 'issue',
      issue: createIssue({
        code: 'x12_syntax',
        severity: 'error',
        path: [],
        codes: [],
        reason,
        segmentPosition,
        ...(segmentId !== undefined ? { segmentId } : {}),
        ...(elementPosition !== undefined ? { elementPosition } : {}),
        ...(expected !== undefined ? { expected } : {}),
        ...(received !== undefined ? { received } : {}),
      }),
    });
  }

  private segmentIssue(
    s: X12Segment,
    reason: X12SegmentReason,
    element?: number,
    component?: number,
    expected?: string,
    received?: string,
    severity: 'error' | 'warning' = 'error',
  ): MedcodeIssue {
    return createIssue({
      code: 'x12_segment',
      severity,
      path: [],
      codes: [],
      reason,
      segmentPosition: s.position,
      segmentId: s.id,
      ...(element !== undefined ? { elementPosition: element } : {}),
      ...(component !== undefined ? { componentPosition: component } : {}),
      ...(expected !== undefined ? { expected } : {}),
      ...(received !== undefined ? { received: received.slice(0, 64) } : {}),
      ...(this.claim ? { claimId: this.claim.claimId } : {}),
    });
  }

  /** Reports a problem of the current claim (or of the current hierarchy level when outside one). */
  private problem(
    s: X12Segment,
    reason: X12SegmentReason,
    element?: number,
    component?: number,
    expected?: string,
    received?: string,
  ): void {
    const issue = this.segmentIssue(s, reason, element, component, expected, received);
    if (this.claim) {
      this.claim.issues.push(issue);
      this.claim.errors++;
    } else {
      const ctx = this.patient ?? this.subscriber ?? this.provider;
      if (ctx && this.loop !== 'header' && this.loop !== '1000A' && this.loop !== '1000B')
        ctx.errors.push(issue);
      this.txOk = false;
      this.out.push({ kind: 'issue', issue });
    }
  }

  // ---- segments ---------------------------------------------------------------------------------

  private segment(s: X12Segment): void {
    if (this.stopped) return;
    this.lastPosition = s.position;
    if (!X12Tokenizer.isSegmentId(s.id)) {
      // A claim open at this point cannot be known whole any more: it is rejected with the issue.
      this.syntax('bad_segment_id', s.position, undefined, 'a 2–3 character segment id', s.id.slice(0, 20));
      if (this.claim) {
        this.claim.issues.push((this.out.pop() as { issue: MedcodeIssue }).issue);
        this.claim.errors++;
      }
      return;
    }
    switch (s.id) {
      case 'ISA':
        this.onIsa(s);
        return;
      case 'GS':
        this.onGs(s);
        return;
      case 'ST':
        this.onSt(s);
        return;
      case 'SE':
        this.onSe(s);
        return;
      case 'GE':
        this.onGe(s);
        return;
      case 'IEA':
        this.onIea(s);
        return;
    }
    if (!this.st) {
      if (!this.groupSkip || !this.gs)
        this.syntax('unexpected_segment', s.position, s.id, 'ST before transaction segments');
      return;
    }
    this.body(s);
  }

  private onIsa(s: X12Segment): void {
    if (this.isa) {
      this.closeTransaction(s.position);
      this.syntax('truncated', s.position, 'ISA', 'IEA before the next ISA');
    }
    this.isa = s;
    this.groupsInInterchange = 0;
    if (s.elements[12] !== '00501')
      this.syntax('wrong_version', s.position, 'ISA', '00501', s.elements[12], 12);
  }

  private onGs(s: X12Segment): void {
    if (!this.isa || this.gs)
      this.syntax(
        'unexpected_segment',
        s.position,
        'GS',
        this.gs ? 'GE before the next GS' : 'ISA before GS',
      );
    this.gs = s;
    this.groupsInInterchange++;
    this.txInGroup = 0;
    this.groupSkip = false;
    if (s.elements[1] !== 'HC' || s.elements[8] !== X12_837P_VERSION) {
      this.syntax(
        'wrong_version',
        s.position,
        'GS',
        `GS01 HC and GS08 ${X12_837P_VERSION}`,
        `${s.elements[1] ?? ''} ${s.elements[8] ?? ''}`,
        s.elements[1] !== 'HC' ? 1 : 8,
      );
      this.groupSkip = true;
    }
  }

  private onSt(s: X12Segment): void {
    if (!this.gs) this.syntax('unexpected_segment', s.position, 'ST', 'GS before ST');
    if (this.st) {
      this.closeTransaction(s.position);
      this.syntax('truncated', s.position, 'ST', 'SE before the next ST');
    }
    this.txInGroup++;
    if (this.groupSkip) return;
    if (s.elements[1] !== '837' || (s.elements[3] !== undefined && s.elements[3] !== X12_837P_VERSION)) {
      this.syntax(
        'wrong_version',
        s.position,
        'ST',
        `ST01 837 and ST03 ${X12_837P_VERSION}`,
        `${s.elements[1] ?? ''} ${s.elements[3] ?? ''}`,
        s.elements[1] !== '837' ? 1 : 3,
      );
      return;
    }
    this.st = s;
    this.txStartPosition = s.position;
    this.txOk = true;
    this.txClaims = 0;
    this.loop = 'header';
    this.provider = this.subscriber = this.patient = undefined;
  }

  private closeTransaction(position: number): void {
    if (this.claim) this.rejectClaim(this.claim, 'truncated', position);
    this.claim = undefined;
    this.line = undefined;
    this.st = undefined;
    this.loop = 'none';
  }

  private onSe(s: X12Segment): void {
    if (!this.st) {
      if (!this.groupSkip) this.syntax('unexpected_segment', s.position, 'SE', 'ST before SE');
      return;
    }
    this.finishClaim();
    const st = this.st;
    // SE01 counts the segments from ST to SE inclusive; SE02 repeats ST02.
    const count = s.position - this.txStartPosition + 1;
    if (s.elements[1] !== String(count))
      this.syntax('count_mismatch', s.position, 'SE', String(count), s.elements[1] ?? '', 1);
    if (s.elements[2] !== st.elements[2])
      this.syntax('control_number_mismatch', s.position, 'SE', st.elements[2] ?? '', s.elements[2] ?? '', 2);
    this.out.push({
      kind: 'transaction',
      controlNumber: st.elements[2] ?? '',
      ok: this.txOk,
      claims: this.txClaims,
      segmentPosition: s.position,
    });
    this.st = undefined;
    this.loop = 'none';
    this.provider = this.subscriber = this.patient = undefined;
  }

  private onGe(s: X12Segment): void {
    if (this.st) {
      this.closeTransaction(s.position);
      this.syntax('truncated', s.position, 'GE', 'SE before GE');
    }
    if (!this.gs) {
      this.syntax('unexpected_segment', s.position, 'GE', 'GS before GE');
      return;
    }
    // GE01 counts the transaction sets of the group; GE02 repeats GS06.
    if (s.elements[1] !== String(this.txInGroup))
      this.syntax('count_mismatch', s.position, 'GE', String(this.txInGroup), s.elements[1] ?? '', 1);
    if (s.elements[2] !== this.gs.elements[6])
      this.syntax(
        'control_number_mismatch',
        s.position,
        'GE',
        this.gs.elements[6] ?? '',
        s.elements[2] ?? '',
        2,
      );
    this.gs = undefined;
    this.groupSkip = false;
  }

  private onIea(s: X12Segment): void {
    if (this.gs || this.st) {
      this.closeTransaction(s.position);
      this.gs = undefined;
      this.syntax('truncated', s.position, 'IEA', 'GE before IEA');
    }
    if (!this.isa) {
      this.syntax('unexpected_segment', s.position, 'IEA', 'ISA before IEA');
      return;
    }
    // IEA01 counts the functional groups; IEA02 repeats ISA13.
    if (s.elements[1] !== String(this.groupsInInterchange))
      this.syntax(
        'count_mismatch',
        s.position,
        'IEA',
        String(this.groupsInInterchange),
        s.elements[1] ?? '',
        1,
      );
    if (s.elements[2] !== this.isa.elements[13])
      this.syntax(
        'control_number_mismatch',
        s.position,
        'IEA',
        this.isa.elements[13] ?? '',
        s.elements[2] ?? '',
        2,
      );
    this.isa = undefined;
  }

  // ---- transaction body --------------------------------------------------------------------------

  private body(s: X12Segment): void {
    const e = s.elements;
    switch (s.id) {
      case 'BHT':
        if (e[1] !== '0019') this.problem(s, 'unknown_qualifier', 1, undefined, '0019', e[1]);
        return;
      case 'HL':
        this.onHl(s);
        return;
      case 'CLM':
        this.onClm(s);
        return;
    }
    // Segments of a claim that has no valid hierarchy above it: already reported at its CLM.
    if (this.loop === 'orphan') return;
    // A segment the 837P does not define is an error (a 999 would reject it), never skipped in silence.
    if (!SEGMENTS_837P.has(s.id)) {
      this.problem(
        s,
        'unknown_segment',
        undefined,
        undefined,
        'a segment of the 837P transaction set',
        s.id.slice(0, 40),
      );
      return;
    }
    if (this.loop === 'cob') {
      if (s.id === 'LX') this.onLx(s);
      return;
    }
    if (this.claim && COB_START.has(s.id)) {
      this.loop = 'cob';
      return;
    }
    switch (s.id) {
      case 'NM1':
        this.onNm1(s);
        return;
      case 'N3':
        this.onN3(s);
        return;
      case 'N4':
        this.onN4(s);
        return;
      case 'DMG':
        this.onDmg(s);
        return;
      case 'REF':
        if (this.loop === '2010AA' && this.provider && (e[1] === 'EI' || e[1] === 'SY'))
          this.provider.provider.taxId = e[2] ?? '';
        return;
      case 'PRV':
        this.onPrv(s);
        return;
      case 'SBR':
        this.onSbr(s);
        return;
      case 'PAT':
        if (this.loop === '2000C' && this.patient) this.patient.relationship = e[1] ?? '';
        return;
      case 'DTP':
        this.onDtp(s);
        return;
      case 'HI':
        this.onHi(s);
        return;
      case 'LX':
        this.onLx(s);
        return;
      case 'SV1':
        this.onSv1(s);
        return;
      case 'LIN':
        this.onLin(s);
        return;
      default:
        // Other 837P segments (PER, CUR, PWK, CN1, AMT, K3, NTE, CR1, CRC, HCP, CTP, QTY, MEA…)
        // carry nothing the claim model holds.
        return;
    }
  }

  private onHl(s: X12Segment): void {
    this.finishClaim();
    const [, id = '', parent = '', level = ''] = s.elements;
    const broken = (expected: string) => {
      this.problem(s, 'hl_structure', 2, undefined, expected, parent);
    };
    if (level === '20') {
      if (parent !== '') broken('no parent for a billing provider HL');
      this.provider = { id, provider: {}, errors: [] };
      this.subscriber = this.patient = undefined;
      this.loop = '2000A';
    } else if (level === '22') {
      this.patient = undefined;
      if (!this.provider || parent !== this.provider.id) {
        this.subscriber = undefined;
        broken(`the billing provider HL ${this.provider?.id ?? '(none)'}`);
        this.loop = 'none';
        return;
      }
      this.subscriber = { id, parent: this.provider, self: false, person: {}, payer: {}, errors: [] };
      this.loop = '2000B';
    } else if (level === '23') {
      if (!this.subscriber || parent !== this.subscriber.id) {
        this.patient = undefined;
        broken(`the subscriber HL ${this.subscriber?.id ?? '(none)'}`);
        this.loop = 'none';
        return;
      }
      this.patient = { id, parent: this.subscriber, person: {}, errors: [] };
      this.loop = '2000C';
    } else {
      this.problem(s, 'unknown_qualifier', 3, undefined, '20, 22 or 23', level);
      this.loop = 'none';
    }
  }

  private onNm1(s: X12Segment): void {
    const e = s.elements;
    const entity = e[1] ?? '';
    const name = (): Person => ({
      ...(e[4] ? { firstName: e[4] } : {}),
      ...(e[3] ? { lastName: e[3] } : {}),
    });
    const provider = (): Partial<Provider> => {
      if (e[8] !== 'XX') this.problem(s, 'unknown_qualifier', 8, undefined, 'XX (NPI)', e[8]);
      return {
        npi: e[9] ?? '',
        ...(e[3] ? { name: e[3] } : {}),
        ...(e[2] === '1' && e[4] ? { firstName: e[4] } : {}),
      };
    };
    switch (entity) {
      case '41':
        this.loop = '1000A';
        return;
      case '40':
        this.loop = '1000B';
        return;
      case '85':
        this.loop = '2010AA';
        if (this.provider) Object.assign(this.provider.provider, provider());
        return;
      case '87':
        this.loop = '2010AB';
        return;
      case 'IL':
        this.loop = '2010BA';
        if (this.subscriber) {
          Object.assign(this.subscriber.person, name());
          if (e[8] !== 'MI' && e[8] !== 'II')
            this.problem(s, 'unknown_qualifier', 8, undefined, 'MI (member id)', e[8]);
          this.subscriber.person.memberId = e[9] ?? '';
        }
        return;
      case 'PR':
        this.loop = '2010BB';
        if (this.subscriber) this.subscriber.payer = { name: e[3] ?? '', id: e[9] ?? '' };
        return;
      case 'QC':
        this.loop = '2010CA';
        if (this.patient) Object.assign(this.patient.person, name());
        return;
      case '82':
        if (this.claim && this.line) {
          this.loop = '2420A';
          this.lineRendering = provider();
          this.line.line.renderingProvider = this.lineRendering as Provider;
        } else if (this.claim) {
          this.loop = '2310B';
          this.claim.rendering = provider();
        }
        return;
      default:
        if (
          this.loop === '2000C' ||
          this.loop === '2010CA' ||
          this.loop === '2010BB' ||
          this.loop === '2010BA' ||
          this.loop === '2010AA' ||
          this.loop === '2000A' ||
          this.loop === '2000B' ||
          this.loop === '2010AB'
        ) {
          // 2010AC pay-to plan (PE) and 2010BB/2010AA siblings carry nothing we map.
          if (entity === 'PE') {
            this.loop = '2010AB';
            return;
          }
        }
        if (SKIPPED_NM1.has(entity)) {
          this.loop = this.line ? '2420x' : '2310x';
          return;
        }
        this.problem(s, 'unknown_qualifier', 1, undefined, 'an 837P NM101 entity code', entity);
        this.loop = this.line ? '2420x' : this.claim ? '2310x' : 'none';
    }
  }

  private address(s: X12Segment): Person | (Partial<Provider> & { address?: Address }) | undefined {
    switch (this.loop) {
      case '2010AA':
        return this.provider?.provider;
      case '2010BA':
        return this.subscriber?.person;
      case '2010CA':
        return this.patient?.person;
      default:
        void s;
        return undefined;
    }
  }

  private onN3(s: X12Segment): void {
    const target = this.address(s);
    if (!target) return;
    target.address = {
      line1: s.elements[1] ?? '',
      ...(s.elements[2] ? { line2: s.elements[2] } : {}),
      city: '',
      state: '',
      postalCode: '',
    };
  }

  private onN4(s: X12Segment): void {
    const target = this.address(s);
    if (!target) return;
    const a = target.address ?? { line1: '', city: '', state: '', postalCode: '' };
    target.address = {
      line1: a.line1,
      ...(a.line2 !== undefined ? { line2: a.line2 } : {}),
      city: s.elements[1] ?? '',
      state: s.elements[2] ?? '',
      postalCode: s.elements[3] ?? '',
    };
  }

  private onDmg(s: X12Segment): void {
    const person =
      this.loop === '2010BA'
        ? this.subscriber?.person
        : this.loop === '2010CA'
          ? this.patient?.person
          : undefined;
    if (!person) return;
    const e = s.elements;
    if (e[1] !== 'D8') this.problem(s, 'unknown_qualifier', 1, undefined, 'D8', e[1]);
    const date = isoFromD8(e[2] ?? '');
    if (date === undefined) this.problem(s, 'bad_value', 2, undefined, 'a CCYYMMDD date of birth', e[2]);
    else person.birthDate = date;
    if (!SEX.has(e[3] ?? '')) this.problem(s, 'bad_value', 3, undefined, 'F, M or U', e[3]);
    else person.sex = e[3] as 'F' | 'M' | 'U';
  }

  private onPrv(s: X12Segment): void {
    const e = s.elements;
    if (e[2] !== 'PXC') {
      this.problem(s, 'unknown_qualifier', 2, undefined, 'PXC (taxonomy)', e[2]);
      return;
    }
    if (this.loop === '2000A' && this.provider && e[1] === 'BI') this.provider.provider.taxonomy = e[3] ?? '';
    else if (this.loop === '2310B' && this.claim?.rendering && e[1] === 'PE')
      this.claim.rendering.taxonomy = e[3] ?? '';
    else if (this.loop === '2420A' && this.lineRendering && e[1] === 'PE')
      this.lineRendering.taxonomy = e[3] ?? '';
  }

  private onSbr(s: X12Segment): void {
    if (this.loop !== '2000B' || !this.subscriber) return;
    const e = s.elements;
    if (e[2] !== '' && e[2] !== undefined && e[2] !== '18')
      this.problem(s, 'bad_value', 2, undefined, '18 or empty', e[2]);
    this.subscriber.self = e[2] === '18';
    if (e[3]) this.subscriber.groupNumber = e[3];
    if (e[9]) this.subscriber.filing = e[9];
    else this.problem(s, 'missing_element', 9, undefined, 'the claim filing indicator');
  }

  private onClm(s: X12Segment): void {
    this.finishClaim();
    const sub = this.subscriber;
    if (!sub) {
      this.syntax('unexpected_segment', s.position, 'CLM', 'a subscriber HL (22) before CLM');
      this.loop = 'orphan';
      this.claim = undefined;
      return;
    }
    const e = s.elements;
    const draft: ClaimDraft = {
      position: s.position,
      claimId: e[1] ?? '',
      totalPosition: s.position,
      diagnoses: [],
      hiSeen: false,
      lines: [],
      issues: [],
      errors: 0,
      subscriber: sub,
      ...(this.patient ? { patient: this.patient } : {}),
    };
    this.claim = draft;
    this.line = undefined;
    this.loop = '2300';
    if (!draft.claimId) this.problem(s, 'missing_element', 1, undefined, 'the patient control number');
    const total = toCents(e[2] ?? '');
    if (total === undefined) this.problem(s, 'bad_value', 2, undefined, 'a decimal amount', e[2]);
    else draft.totalCents = total;
    const clm05 = (e[5] ?? '').split(s.separators.component);
    if (!/^\d{2}$/.test(clm05[0] ?? ''))
      this.problem(s, 'bad_value', 5, 1, 'a 2-digit place of service code', clm05[0]);
    else draft.pos = clm05[0]!;
    if (clm05[1] !== 'B')
      this.problem(
        s,
        'unknown_qualifier',
        5,
        2,
        'B (place of service codes for professional services)',
        clm05[1],
      );
    if (!/^\d$/.test(clm05[2] ?? ''))
      this.problem(s, 'bad_value', 5, 3, 'a 1-digit claim frequency code', clm05[2]);
    else draft.frequency = clm05[2]!;
  }

  private onDtp(s: X12Segment): void {
    const e = s.elements;
    const q = e[1] ?? '';
    if (this.line && (this.loop === '2400' || this.loop === '2410')) {
      if (!LINE_DTP.has(q)) {
        this.problem(
          s,
          'unknown_qualifier',
          1,
          undefined,
          'an 837P 2400 DTP qualifier (472 service date)',
          q,
        );
        return;
      }
      if (q !== '472') return;
      const line = this.line;
      if (e[2] === 'D8') {
        const d = isoFromD8(e[3] ?? '');
        if (d === undefined) {
          this.problem(s, 'bad_value', 3, undefined, 'a CCYYMMDD date', e[3]);
          return;
        }
        line.line.serviceDate = d;
      } else if (e[2] === 'RD8') {
        const [a = '', b = ''] = (e[3] ?? '').split('-');
        const from = isoFromD8(a);
        const to = isoFromD8(b);
        if (from === undefined || to === undefined || to < from) {
          this.problem(s, 'bad_value', 3, undefined, 'a CCYYMMDD-CCYYMMDD range', e[3]);
          return;
        }
        line.line.serviceDateFrom = from;
        line.line.serviceDateTo = to;
      } else {
        this.problem(s, 'unknown_qualifier', 2, undefined, 'D8 or RD8', e[2]);
        return;
      }
      line.hasDate = true;
      return;
    }
    if (this.claim && this.loop === '2300') {
      if (!CLAIM_DTP.has(q)) {
        this.problem(s, 'unknown_qualifier', 1, undefined, 'an 837P 2300 DTP qualifier', q);
        return;
      }
      if (q !== '435' && q !== '096') return;
      if (e[2] !== 'D8') {
        this.problem(s, 'unknown_qualifier', 2, undefined, 'D8', e[2]);
        return;
      }
      const d = isoFromD8(e[3] ?? '');
      if (d === undefined) {
        this.problem(s, 'bad_value', 3, undefined, 'a CCYYMMDD date', e[3]);
        return;
      }
      if (q === '435') this.claim.admissionDate = d;
      else this.claim.dischargeDate = d;
    }
  }

  private onHi(s: X12Segment): void {
    const claim = this.claim;
    if (!claim || this.loop !== '2300') return;
    const e = s.elements;
    const first = (e[1] ?? '').split(s.separators.component)[0] ?? '';
    if (OTHER_HI.has(first)) return;
    if (first === 'BK') {
      this.problem(s, 'unsupported_qualifier', 1, 1, 'ABK (ICD-10-CM); BK is ICD-9-CM', first);
      return;
    }
    if (first !== 'ABK') {
      this.problem(s, 'unknown_qualifier', 1, 1, 'ABK', first);
      return;
    }
    // One diagnosis HI per claim; ABK principal, then ABF (005010X222A1 loop 2300 HI, Health Care
    // Diagnosis Code).
    if (claim.hiSeen) {
      this.problem(s, 'too_many', 1, 1, 'one HI segment with ABK');
      return;
    }
    claim.hiSeen = true;
    if (e.length - 1 > 12) this.problem(s, 'too_many', 13, undefined, 'at most 12 diagnoses');
    for (let i = 1; i < e.length && i <= 12; i++) {
      const [q = '', code = ''] = (e[i] ?? '').split(s.separators.component);
      const expected = i === 1 ? 'ABK' : 'ABF';
      if (q !== expected) {
        this.problem(s, 'unknown_qualifier', i, 1, expected, q);
        continue;
      }
      // Shape shared with the writers (formats.ts): position 2 may be a letter (FY2026 QA0).
      if (!ICD10CM_UNDOTTED.test(code)) {
        this.problem(s, 'bad_value', i, 2, 'an undotted ICD-10-CM code', code);
        continue;
      }
      claim.diagnoses.push({ code: dotDiagnosis(code) });
    }
  }

  private onLx(s: X12Segment): void {
    const claim = this.claim;
    if (!claim) {
      this.problem(s, 'missing_segment', undefined, undefined, 'CLM before LX');
      this.loop = 'cob';
      return;
    }
    this.loop = '2400';
    this.lineRendering = undefined;
    const n = claim.lines.length + 1;
    if (s.elements[1] !== String(n)) this.problem(s, 'bad_value', 1, undefined, String(n), s.elements[1]);
    if (n > 50) this.problem(s, 'too_many', 1, undefined, 'at most 50 service lines');
    this.line = { position: s.position, sv1Position: s.position, line: {}, hasDate: false, hasSv1: false };
    claim.lines.push(this.line);
  }

  private onSv1(s: X12Segment): void {
    const line = this.line;
    if (!line || this.loop !== '2400') {
      this.problem(s, 'missing_segment', undefined, undefined, 'LX before SV1');
      return;
    }
    if (line.hasSv1) {
      this.problem(s, 'too_many', undefined, undefined, 'one SV1 per line');
      return;
    }
    line.hasSv1 = true;
    line.sv1Position = s.position;
    const e = s.elements;
    const comp = s.separators.component;
    const sv101 = (e[1] ?? '').split(comp);
    const q = sv101[0] ?? '';
    if (q !== 'HC') {
      if (SV101_QUALIFIERS.has(q)) this.problem(s, 'unsupported_qualifier', 1, 1, 'HC (HCPCS/CPT)', q);
      else this.problem(s, 'unknown_qualifier', 1, 1, 'HC', q);
    }
    const proc = sv101[1] ?? '';
    if (!/^[0-9A-Z]{5}$/.test(proc))
      this.problem(s, 'bad_value', 1, 2, 'a 5-character CPT or HCPCS code', proc);
    line.line.procedure = proc;
    const mods = sv101.slice(2, 6);
    for (let m = 0; m < mods.length; m++) {
      if (!/^[0-9A-Z]{2}$/.test(mods[m]!))
        this.problem(s, 'bad_value', 1, m + 3, 'a 2-character modifier', mods[m]);
    }
    if (mods.length > 0) line.line.modifiers = mods;
    const cents = toCents(e[2] ?? '');
    if (cents === undefined) this.problem(s, 'bad_value', 2, undefined, 'a decimal amount', e[2]);
    else {
      line.cents = cents;
      line.line.charge = centsToMoney(cents);
    }
    const basis = e[3] ?? '';
    if (basis !== 'UN' && basis !== 'MJ')
      this.problem(s, 'unknown_qualifier', 3, undefined, 'UN or MJ', basis);
    else line.line.unitBasis = basis;
    const unitsText = e[4] ?? '';
    const units = Number(unitsText);
    if (!/^\d+(\.\d+)?$/.test(unitsText) || !(units > 0) || !Number.isFinite(units))
      this.problem(s, 'bad_value', 4, undefined, 'a positive quantity', unitsText);
    else line.line.units = units;
    if (e[5]) {
      if (!/^\d{2}$/.test(e[5]))
        this.problem(s, 'bad_value', 5, undefined, 'a 2-digit place of service code', e[5]);
      else line.line.placeOfService = e[5];
    }
    const pointersText = e[7] ?? '';
    if (pointersText === '') {
      this.problem(s, 'missing_element', 7, 1, 'a diagnosis pointer');
    } else {
      const parts = pointersText.split(comp);
      if (parts.length > 4) this.problem(s, 'too_many', 7, 5, 'at most 4 diagnosis pointers');
      const pointers: number[] = [];
      for (let p = 0; p < parts.length && p < 4; p++) {
        const v = parts[p]!;
        if (!/^\d{1,2}$/.test(v) || Number(v) < 1 || Number(v) > 12)
          this.problem(s, 'bad_value', 7, p + 1, 'a diagnosis pointer 1…12', v);
        else pointers.push(Number(v));
      }
      line.line.diagnosisPointers = pointers;
    }
  }

  private onLin(s: X12Segment): void {
    if (!this.line || (this.loop !== '2400' && this.loop !== '2410')) return;
    this.loop = '2410';
    const e = s.elements;
    if (e[2] !== 'N4') {
      this.problem(s, 'unsupported_qualifier', 2, undefined, 'N4 (NDC in 5-4-2 format)', e[2]);
      return;
    }
    if (!/^\d{11}$/.test(e[3] ?? '')) {
      this.problem(s, 'bad_value', 3, undefined, 'an 11-digit NDC', e[3]);
      return;
    }
    this.line.line.ndc = e[3]!;
  }

  // ---- claim completion --------------------------------------------------------------------------

  private rejectClaim(draft: ClaimDraft, truncatedReason: 'truncated' | undefined, position: number): void {
    const issues = [...draft.issues];
    if (truncatedReason) {
      issues.push(
        createIssue({
          code: 'x12_syntax',
          severity: 'error',
          path: [],
          codes: [],
          reason: 'truncated',
          segmentPosition: position,
          expected: `the end of claim ${JSON.stringify(draft.claimId)} (next CLM, HL or SE)`,
        }),
      );
    }
    this.txOk = false;
    this.out.push({
      kind: 'rejected',
      ...(draft.claimId ? { claimId: draft.claimId } : {}),
      segmentPosition: draft.position,
      issues,
    });
  }

  /** Closes the current claim: hands it out whole, or rejects it with its issues. */
  private finishClaim(): void {
    const draft = this.claim;
    this.claim = undefined;
    this.line = undefined;
    this.lineRendering = undefined;
    if (!draft) return;
    const clm: X12Segment = {
      position: draft.position,
      id: 'CLM',
      elements: [],
      separators: { element: '*', component: ':', repetition: '^', segment: '~' },
    };
    const fail = (
      reason: X12SegmentReason,
      element: number | undefined,
      expected: string,
      received?: string,
      at: X12Segment = clm,
    ) => {
      draft.issues.push(this.segmentIssueFor(at, draft.claimId, reason, element, expected, received));
      draft.errors++;
    };
    const sub = draft.subscriber;
    const provider = sub.parent.provider;
    const inherited = [...sub.parent.errors, ...sub.errors, ...(draft.patient?.errors ?? [])];
    if (!draft.hiSeen) fail('missing_segment', undefined, 'an HI segment with the diagnoses');
    if (draft.lines.length === 0) fail('missing_segment', undefined, 'at least one service line (LX/SV1)');
    let sum = 0;
    for (const l of draft.lines) {
      const lx: X12Segment = { ...clm, position: l.position, id: 'LX' };
      if (!l.hasSv1) fail('missing_segment', undefined, 'SV1 in the service line', undefined, lx);
      if (!l.hasDate)
        fail('missing_segment', undefined, 'DTP*472 service date in the service line', undefined, lx);
      sum += l.cents ?? 0;
      for (const p of l.line.diagnosisPointers ?? []) {
        if (p > draft.diagnoses.length)
          fail('bad_value', 7, `a pointer to one of the ${draft.diagnoses.length} HI diagnoses`, String(p), {
            ...lx,
            position: l.sv1Position,
            id: 'SV1',
          });
      }
    }
    // CLM02 must equal the sum of SV102 (layout notes, "Claim level — loop 2300").
    if (draft.totalCents !== undefined && draft.errors === 0 && sum !== draft.totalCents)
      fail('charge_mismatch', 2, centsToMoney(sum), centsToMoney(draft.totalCents));
    const person = draft.patient?.person ?? sub.person;
    if (person.birthDate === undefined || person.sex === undefined)
      fail(
        'missing_segment',
        undefined,
        `DMG for the ${draft.patient ? 'patient (2010CA)' : 'subscriber/patient (2010BA)'}`,
      );
    if (!sub.filing || !sub.payer.name || !sub.payer.id)
      fail('missing_segment', undefined, 'SBR09 and the payer NM1*PR (2010BB)');
    if (!provider.npi || !provider.name)
      fail('missing_segment', undefined, 'the billing provider NM1*85 (2010AA)');
    if (!sub.person.memberId || !sub.person.lastName)
      fail('missing_segment', undefined, 'the subscriber NM1*IL (2010BA)');
    if (
      draft.patient &&
      (!RELATIONSHIP.has(draft.patient.relationship ?? '') || draft.patient.relationship === '18')
    ) {
      fail(
        draft.patient.relationship ? 'unknown_qualifier' : 'missing_segment',
        undefined,
        'PAT01, an individual relationship code other than 18',
        draft.patient.relationship,
      );
    }
    if (draft.errors > 0 || inherited.length > 0) {
      this.rejectClaim({ ...draft, issues: [...inherited, ...draft.issues] }, undefined, draft.position);
      return;
    }
    // The assembled claim must also satisfy the claim model itself (e.g. the NPI check digit), so
    // that nothing the schema would refuse is ever handed out as a claim.
    const checked = parseClaim(assemble(draft));
    if (!checked.ok) {
      this.rejectClaim({ ...draft, issues: [...draft.issues, ...checked.issues] }, undefined, draft.position);
      return;
    }
    this.txClaims++;
    this.out.push({
      kind: 'claim',
      claim: checked.value,
      segmentPosition: draft.position,
      issues: draft.issues,
    });
  }

  private segmentIssueFor(
    s: X12Segment,
    claimId: string,
    reason: X12SegmentReason,
    element: number | undefined,
    expected: string,
    received?: string,
  ): MedcodeIssue {
    return createIssue({
      code: 'x12_segment',
      severity: 'error',
      path: [],
      codes: [],
      reason,
      segmentPosition: s.position,
      segmentId: s.id,
      ...(element !== undefined ? { elementPosition: element } : {}),
      expected,
      ...(received !== undefined ? { received } : {}),
      claimId,
    });
  }
}
