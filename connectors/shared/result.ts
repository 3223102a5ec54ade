import type { PsaError, PsaErrorCode, PsaResult } from "../types";

export function succeed<T>(value: T): PsaResult<T> {
  return { ok: true, value };
}

export function fail<T>(code: PsaErrorCode, message: string, extra: Omit<PsaError, "code" | "message"> = {}): PsaResult<T> {
  return { ok: false, error: { code, message, ...extra } };
}

/** Re-types a failed result so it can be returned from a function with a different success type. */
export function forward<T>(result: { ok: false; error: PsaError }): PsaResult<T> {
  return { ok: false, error: result.error };
}
