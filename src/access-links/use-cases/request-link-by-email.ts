import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import type { Firm } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { LinkRequestLimits } from "../link-request-limits";
import type { LinkServiceDeps } from "./issue-access-link";
import { sendRequestedLink, sendStaffReset } from "./send-requested-link";
import type { RequestedLink } from "./send-requested-link";

export interface LinkRequest {
  firm: Firm;
  /** Whose accounts the address is looked up in: clients' or the staff console's. */
  audience: "client" | "staff";
  requested: RequestedLink;
  emailTyped: string;
  ip: string;
  /** Kept on the link for support: "self-service:forgot", ... */
  issuedBy: string;
}

export type LinkRequestFailure = Failure<"email_invalid"> | (Failure<"rate_limited"> & { until: Date });

/**
 * "Email me a link" (forgot password, a sign-in link, a new confirmation; staff's forgot password): the address
 * is checked and counted against the limits, for known and unknown addresses alike. What comes back is the work
 * itself, for the caller to run after answering, so that neither the answer nor its timing says who has an
 * account (OWASP Forgot Password Cheat Sheet; ASVS 6.3.8).
 */
export async function requestLinkByEmail(deps: LinkServiceDeps & { limits: LinkRequestLimits }, request: LinkRequest): Promise<Result<() => Promise<unknown>, LinkRequestFailure>> {
  const email = normalizeEmail(request.emailTyped);
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) return fail("email_invalid");
  const limit = await deps.limits.hit(request.firm.id, email, request.ip);
  if (!limit.ok) return fail("rate_limited", { until: limit.until });
  const { firm, issuedBy } = request;
  const where = { firmId_email: { firmId: firm.id, email } };
  return ok(() =>
    request.audience === "staff"
      ? deps.db.staffAccount.findUnique({ where }).then((staff) => sendStaffReset(deps, firm, staff, issuedBy))
      : deps.db.portalAccount.findUnique({ where }).then((account) => sendRequestedLink(deps, firm, account, request.requested, issuedBy)),
  );
}
