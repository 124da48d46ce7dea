/**
 * The claim model types the X12 code reads and writes (re-exported from the claim schema).
 *
 * @module
 */
import type { z } from 'zod';
import type { AddressSchema } from '../schema';

export type { Claim, ClaimLine, ClaimDiagnosis, Provider, Subscriber, Payer } from '../schema';
/** A postal address. */
export type Address = z.infer<typeof AddressSchema>;
