/**
 * Claims: the claim model and its zod schemas, exact money, NPI check digits, the fluent builder,
 * JSON parsing with core issues, FHIR R4 Claim and CMS-1500 output. (X12 837P lives in `./x12`.)
 *
 * @module
 */
export * from './schema';
export * from './x12';
export * from './money';
export * from './npi';
export * from './parse';
export * from './builder';
export * from './fhir';
export * from './cms1500';
export * from './limits';
export * from './cms1500-grid';
export * from './cms1500-pdf';
