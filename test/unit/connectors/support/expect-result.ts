import type { PsaError, PsaResult } from "../../../../connectors/types";

/** Unwraps a successful result, failing the test with the error otherwise. */
export function expectOk<T>(result: PsaResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export function expectError<T>(result: PsaResult<T>): PsaError {
  if (result.ok) throw new Error("expected an error, got ok");
  return result.error;
}
