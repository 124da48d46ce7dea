/**
 * medcode: US medical coding and billing for TypeScript.
 *
 * The root entry holds the shared foundations only and loads no code-set data. Each code system is
 * its own subpath: `medcode/icd10cm`, `medcode/icd10pcs`, `medcode/hcpcs`, `medcode/cpt`,
 * `medcode/ncci`, `medcode/rules`, `medcode/claims`.
 *
 * @module medcode
 */
export * from './core/index';
