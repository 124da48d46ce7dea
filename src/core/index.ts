/**
 * Shared foundations: editions and dates, code-system ids and URIs, the issue type, errors, the pack
 * container and the code-set interface every system implements.
 *
 * @module
 */
export * from './systems';
export * from './dates';
export * from './issues';
export * from './errors';
export * from './result';
export * from './edition';
export * from './codeset';
export * from './pack';
export * from './manifest';
export * from './data-dir';
export * from './detect';
export * from './search-options';
