import { formatUtcSeconds } from "../shared/dates";

/**
 * ConnectWise `conditions` grammar: strings in double quotes, datetimes in square brackets, AND/OR
 * (Developer Guide "Conditions"). Values are percent-encoded by the HTTP client, so "+" travels as %2B.
 * The grammar has no documented escape for a double quote inside a string, so such values are refused.
 */
export function quoteConditionString(value: string): string | null {
  if (/["\\]/.test(value)) return null;
  return `"${value}"`;
}

/** Searches the contact's communicationItems array (Developer Guide query table, "childConditions"). */
export function buildEmailChildConditions(email: string): string | null {
  const quoted = quoteConditionString(email);
  return quoted ? `communicationItems/value=${quoted} AND communicationItems/communicationType="Email"` : null;
}

/** Every object reacts to lastUpdated (it lives in _info.lastUpdated); at-or-after, UTC, in brackets. */
export function buildChangedSinceCondition(since: Date | null | undefined): string | undefined {
  return since ? `lastUpdated>=[${formatUtcSeconds(since)}]` : undefined;
}

export function buildCompanyCondition(companyId: string): string {
  return `company/id=${companyId}`;
}

/** `id in (1,2,3)` (Developer Guide "Conditions": the `in` operator takes a parenthesised list). */
export function buildIdsCondition(ids: readonly string[]): string {
  return `id in (${ids.join(",")})`;
}
