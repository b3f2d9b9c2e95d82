// The DTOs the shell sends and receives: generated from the Rust DTOs
// (src/formats/) into contract.gen.ts by `make types`, so they cannot drift.
// The rules behind their values live in the core.

export type * from './contract.gen';
export type { ErrorDto as AppError } from './contract.gen';
