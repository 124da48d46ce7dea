/**
 * Envelope and control checks of the 837P reader: ISA/IEA interchange, GS/GE functional group and
 * ST/SE transaction set, with their counts and repeated control numbers (ASC X12 005010X222A1,
 * Appendix B, control segments ISA, IEA, GS, GE, ST and SE).
 *
 * @module
 */
import { X12_837P_VERSION } from './envelope';
import { finishClaim, rejectClaim } from './claim-completion';
import type { X12ReaderState } from './reader-state';
import type { X12Segment } from './tokenizer';

/** ISA opens an interchange; ISA12 must be 00501. */
export function onIsa(r: X12ReaderState, s: X12Segment): void {
  if (r.isa) {
    closeTransaction(r, s.position);
    r.syntax('truncated', s.position, 'ISA', 'IEA before the next ISA');
  }
  r.isa = s;
  r.groupsInInterchange = 0;
  if (s.elements[12] !== '00501') r.syntax('wrong_version', s.position, 'ISA', '00501', s.elements[12], 12);
}

/** GS opens a functional group; GS01 HC and GS08 the 837P version, else the group is skipped. */
export function onGs(r: X12ReaderState, s: X12Segment): void {
  if (!r.isa || r.gs)
    r.syntax('unexpected_segment', s.position, 'GS', r.gs ? 'GE before the next GS' : 'ISA before GS');
  r.gs = s;
  r.groupsInInterchange++;
  r.txInGroup = 0;
  r.groupSkip = false;
  if (s.elements[1] !== 'HC' || s.elements[8] !== X12_837P_VERSION) {
    r.syntax(
      'wrong_version',
      s.position,
      'GS',
      `GS01 HC and GS08 ${X12_837P_VERSION}`,
      `${s.elements[1] ?? ''} ${s.elements[8] ?? ''}`,
      s.elements[1] !== 'HC' ? 1 : 8,
    );
    r.groupSkip = true;
  }
}

/** ST opens a transaction set; ST01 837 and ST03 the 837P version. */
export function onSt(r: X12ReaderState, s: X12Segment): void {
  if (!r.gs) r.syntax('unexpected_segment', s.position, 'ST', 'GS before ST');
  if (r.st) {
    closeTransaction(r, s.position);
    r.syntax('truncated', s.position, 'ST', 'SE before the next ST');
  }
  r.txInGroup++;
  if (r.groupSkip) return;
  if (s.elements[1] !== '837' || (s.elements[3] !== undefined && s.elements[3] !== X12_837P_VERSION)) {
    r.syntax(
      'wrong_version',
      s.position,
      'ST',
      `ST01 837 and ST03 ${X12_837P_VERSION}`,
      `${s.elements[1] ?? ''} ${s.elements[3] ?? ''}`,
      s.elements[1] !== '837' ? 1 : 3,
    );
    return;
  }
  r.st = s;
  r.txStartPosition = s.position;
  r.txOk = true;
  r.txClaims = 0;
  r.loop = 'header';
  r.provider = r.subscriber = r.patient = undefined;
}

/** Closes an open transaction set early (its claim is rejected as truncated). */
function closeTransaction(r: X12ReaderState, position: number): void {
  if (r.claim) rejectClaim(r, r.claim, 'truncated', position);
  r.claim = undefined;
  r.line = undefined;
  r.st = undefined;
  r.loop = 'none';
}

/** SE closes a transaction set and reports it. */
export function onSe(r: X12ReaderState, s: X12Segment): void {
  if (!r.st) {
    if (!r.groupSkip) r.syntax('unexpected_segment', s.position, 'SE', 'ST before SE');
    return;
  }
  finishClaim(r);
  const st = r.st;
  // SE01 counts the segments from ST to SE inclusive; SE02 repeats ST02.
  const count = s.position - r.txStartPosition + 1;
  if (s.elements[1] !== String(count))
    r.syntax('count_mismatch', s.position, 'SE', String(count), s.elements[1] ?? '', 1);
  if (s.elements[2] !== st.elements[2])
    r.syntax('control_number_mismatch', s.position, 'SE', st.elements[2] ?? '', s.elements[2] ?? '', 2);
  r.out.push({
    kind: 'transaction',
    controlNumber: st.elements[2] ?? '',
    ok: r.txOk,
    claims: r.txClaims,
    segmentPosition: s.position,
  });
  r.st = undefined;
  r.loop = 'none';
  r.provider = r.subscriber = r.patient = undefined;
}

/** GE closes a functional group. */
export function onGe(r: X12ReaderState, s: X12Segment): void {
  if (r.st) {
    closeTransaction(r, s.position);
    r.syntax('truncated', s.position, 'GE', 'SE before GE');
  }
  if (!r.gs) {
    r.syntax('unexpected_segment', s.position, 'GE', 'GS before GE');
    return;
  }
  // GE01 counts the transaction sets of the group; GE02 repeats GS06.
  if (s.elements[1] !== String(r.txInGroup))
    r.syntax('count_mismatch', s.position, 'GE', String(r.txInGroup), s.elements[1] ?? '', 1);
  if (s.elements[2] !== r.gs.elements[6])
    r.syntax('control_number_mismatch', s.position, 'GE', r.gs.elements[6] ?? '', s.elements[2] ?? '', 2);
  r.gs = undefined;
  r.groupSkip = false;
}

/** IEA closes an interchange. */
export function onIea(r: X12ReaderState, s: X12Segment): void {
  if (r.gs || r.st) {
    closeTransaction(r, s.position);
    r.gs = undefined;
    r.syntax('truncated', s.position, 'IEA', 'GE before IEA');
  }
  if (!r.isa) {
    r.syntax('unexpected_segment', s.position, 'IEA', 'ISA before IEA');
    return;
  }
  // IEA01 counts the functional groups; IEA02 repeats ISA13.
  if (s.elements[1] !== String(r.groupsInInterchange))
    r.syntax('count_mismatch', s.position, 'IEA', String(r.groupsInInterchange), s.elements[1] ?? '', 1);
  if (s.elements[2] !== r.isa.elements[13])
    r.syntax('control_number_mismatch', s.position, 'IEA', r.isa.elements[13] ?? '', s.elements[2] ?? '', 2);
  r.isa = undefined;
}
