import type { z } from "zod";
import type { PsaResult } from "../types";
import { fail, succeed } from "./result";

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

/**
 * Parses a vendor payload at the connector boundary. On failure the message names the first field that
 * did not fit, so an admin (or we) can see what the PSA changed, without echoing the payload itself.
 */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown, vendorLabel: string, what: string): PsaResult<z.output<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return succeed(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue ? formatPath(issue.path) || "(whole body)" : "(whole body)";
  const reason = issue ? issue.message : "unreadable";
  return fail("psa_unexpected_payload", `${vendorLabel} returned ${what} in an unexpected shape: field '${field}': ${reason}.`, { detail: field });
}
