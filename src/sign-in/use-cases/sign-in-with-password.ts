import type { Firm } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { RequestOrigin, SessionUser } from "../../platform/http/request-state";
import { recordSignIn } from "../record-sign-in";
import { noteSignIn } from "../../accounts/use-cases/change-account-details";
import type { AccountDeps } from "../../accounts/change-account";
import { authenticatePortalAccount } from "./authenticate-portal-account";
import type { AuthDeps } from "./authenticate-portal-account";
import { authenticateStaffAccount } from "./authenticate-staff-account";

export type SignInFailure =
  | Failure<"credentials_invalid" | "account_disabled">
  | (Failure<"sign_in_locked" | "rate_limited"> & { until: Date })
  | (Failure<"email_unconfirmed"> & { email: string });

export interface SignInAttempt {
  firm: Firm;
  audience: "client" | "staff";
  emailTyped: string;
  password: string;
  origin: RequestOrigin;
  now?: Date;
}

/**
 * Email and password against the firm's client accounts or its staff accounts (never across: a client and a
 * staff member may share an address). Every attempt lands in the audit trail with its reason code; a wrong
 * password, an unknown email and an unclaimed invite fail alike (credentials_invalid). The caller starts the
 * session for the user returned.
 */
export async function signInWithPassword(deps: AuthDeps & Pick<AccountDeps, "sessionVersions">, attempt: SignInAttempt): Promise<Result<SessionUser, SignInFailure>> {
  const { firm, audience, emailTyped, origin } = attempt;
  const ip = origin.ip ?? "unknown";
  const outcome =
    audience === "client" ? await authenticatePortalAccount(deps, firm, emailTyped, attempt.password, ip) : await authenticateStaffAccount(deps, firm, emailTyped, attempt.password, ip);
  const owner = (id: string | undefined) => (audience === "client" ? { portalAccountId: id } : { staffAccountId: id, detail: "staff sign-in" });
  if (!outcome.ok) {
    await recordSignIn(deps.db, origin, { firmId: firm.id, emailTyped, reason: outcome.reason, ...owner(outcome.account?.id) });
    switch (outcome.reason) {
      case "fail_locked":
        return fail("sign_in_locked", { until: outcome.until });
      case "fail_ip_limited":
        return fail("rate_limited", { until: outcome.until });
      case "fail_disabled":
        return fail("account_disabled");
      case "fail_unconfirmed":
        return fail("email_unconfirmed", { email: outcome.account.email });
      default:
        return fail("credentials_invalid");
    }
  }
  const { id } = outcome.account;
  const lastSignInAt = attempt.now ?? new Date();
  await Promise.all([
    recordSignIn(deps.db, origin, { firmId: firm.id, emailTyped, reason: "success", ...owner(id) }),
    noteSignIn(deps, { kind: audience === "client" ? "portal" : "staff", id }, lastSignInAt),
  ]);
  return ok({ kind: audience === "client" ? "portal" : "staff", id, firmId: firm.id });
}
