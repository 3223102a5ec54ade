import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { KeyValueStore } from "../../platform/kv/store";
import { ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { PsaErrorCode } from "../../../connectors/types";
import { closeAccessProblems, listOpenAccessProblems } from "../../access-problems/flag-access-problem";
import type { AccessProblem, OpenAccessProblem } from "../../access-problems/flag-access-problem";
import { correctIdentityRecord, IDENTITY_LOCK_FLAG } from "../../access-links/identity-check";
import type { AccountDeps } from "../../accounts/change-account";
import type { CompanyResolver } from "../../portal/company-resolver";
import { clientOfFirm } from "../client-of-firm";

export interface ConsoleHome {
  /** Clients who signed in and saw no projects, oldest first. */
  problems: OpenAccessProblem[];
  /** Client invites locked by the identity check, waiting for a corrected date of birth. */
  lockedInvites: Array<{ portalAccountId: string; email: string; since: Date }>;
}

/** What the console's home lists: the open flags, and the invites the identity check locked. */
export async function loadConsoleHome(db: Db, firmId: string): Promise<ConsoleHome> {
  const [problems, flags] = await Promise.all([
    listOpenAccessProblems(db, firmId),
    db.accessFlag.findMany({ where: { firmId, kind: IDENTITY_LOCK_FLAG, status: "open" }, include: { portalAccount: true }, orderBy: { firstSeenAt: "asc" } }),
  ]);
  return { problems, lockedInvites: flags.map((flag) => ({ portalAccountId: flag.portalAccountId, email: flag.portalAccount.email, since: flag.lastSeenAt })) };
}

export type Recheck =
  | { kind: "works"; email: string; companies: string[] }
  | { kind: "problem"; email: string; problem: AccessProblem; suggestedEmail: string | null }
  /** The PSA did not answer in time (`error` null) or failed with a connector error. */
  | { kind: "not_answering"; email: string; error: { code: PsaErrorCode; message: string } | null };

/**
 * "Check the PSA again now": the admin fixed the PSA and wants to know now. Drops the cached answer, asks the
 * PSA at once, and says what the client will see; a fixed problem closes its flags.
 */
export async function recheckClientAccess(
  deps: { db: Db; store: KeyValueStore; resolver: CompanyResolver },
  input: { firm: Firm; accountId: string },
): Promise<Result<Recheck, Failure<"client_not_found">>> {
  const { firm } = input;
  const found = await clientOfFirm(deps.db, firm.id, input.accountId);
  if (!found.ok) return found;
  const { email, id } = found.value;
  await deps.resolver.invalidateAccount(firm, email);
  const lookup = await deps.resolver.resolveAccess(firm, email);
  if (!lookup.ok || lookup.stale) return ok({ kind: "not_answering", email, error: lookup.ok ? null : lookup.error });
  const answer = lookup.value;
  if (answer.status !== "ok") {
    const mismatch = answer.status === "no_contact" ? await deps.db.emailMismatch.findFirst({ where: { firmId: firm.id, portalAccountId: id }, select: { suggestedEmail: true } }) : null;
    return ok({ kind: "problem", email, problem: answer.status, suggestedEmail: mismatch?.suggestedEmail ?? null });
  }
  await Promise.all(answer.companies.map((company) => deps.resolver.invalidateCompany(firm, company.externalId)));
  await closeAccessProblems(deps.db, deps.store, firm.id, id);
  return ok({ kind: "works", email, companies: answer.companies.map((company) => company.name) });
}

/** Staff correct a client's date of birth: the invite the identity check locked works again, nothing resent. */
export async function correctClientDateOfBirth(deps: AccountDeps, input: { firmId: string; accountId: string; dateOfBirthIso: string }): Promise<Result<{ email: string }, Failure<"client_not_found">>> {
  const found = await clientOfFirm(deps.db, input.firmId, input.accountId);
  if (!found.ok) return found;
  await correctIdentityRecord(deps, { firmId: input.firmId, portalAccountId: found.value.id, dateOfBirthIso: input.dateOfBirthIso });
  return ok({ email: found.value.email });
}

