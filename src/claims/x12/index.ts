/**
 * X12 837P (005010X222A1): the writer {@link toX12837P}, the parser {@link fromX12837P}, the
 * streaming parser {@link parseX12837PStream}, and {@link X12TransactionSplitter}, which cuts an
 * 837P into transaction sets to read on several threads.
 *
 * @module
 */
export { toX12837P, toNdc11 } from './writer';
export type { X12WriteResult } from './writer';
export { fromX12837P, parseX12837PStream } from './parse';
export type { X12Interchange, X12ParseResult, X12RejectedClaim, X12Source } from './parse';
export { X12837PReader } from './reader';
export type { X12ReadItem } from './reader';
export { X12Tokenizer } from './tokenizer';
export { MAX_TRANSACTION_BYTES, X12TransactionSplitter, readX12Transactions } from './transactions';
export type { X12Piece, X12TransactionsAt } from './transactions';
export type { X12Segment } from './tokenizer';
export { DEFAULT_X12_SEPARATORS, X12_837P_VERSION } from './envelope';
export type { X12Envelope, X12Party, X12Separators } from './envelope';
export { toCents, centsToX12, centsToMoney } from './money';
