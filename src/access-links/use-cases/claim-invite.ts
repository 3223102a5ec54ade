import type { Firm } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { RequestOrigin, SessionUser } from "../../platform/http/request-state";
import { refOfHolder, setFirstPassword } from "../../accounts/use-cases/change-account-password";
import { changeAccounts } from "../../accounts/change-account";
import type { AccountDeps } from "../../accounts/change-account";
import { recordSignIn } from "../../sign-in/record-sign-in";
import { revokeOtherPasswordLinks, useLinkOnce } from "../consume-access-link";
import { deadLink, holderEmail } from "../find-link";
import type { DeadLinkFailure, HeldLink } from "../find-link";
import { identityRecordMissing, recordWrongIdentityAnswer, requiresIdentityCheck, storedDateOfBirth } from "../identity-check";
import { auditOwner, holderOf, linksOf, sessionFor } from "../link-holder";
import { checkAndHashNewPassword } from "../new-password";
import type { PasswordRejection } from "../new-password";
import type { LinkServiceDeps } from "./issue-access-link";

export type ClaimFailure = Failure<"identity_record_missing"> | (Failure<"identity_answer_wrong"> & { attemptsLeft: number }) | PasswordRejection | DeadLinkFailure;

export interface Claim {
  firm: Firm;
  link: HeldLink;
  token: string;
  password: string;
  /** The date of birth typed, as an ISO date, where the firm checks it (identity-check.ts). */
  dateOfBirthIso: string | null;
  origin: RequestOrigin;
  now: Date;
}

/**
 * Claim an invite (client or staff): check the identity answer where the firm asks for one (five wrong answers
 * lock the invite and tell the firm), then use the link once to set the first password, and sign in.
 */
export async function claimInvite(deps: LinkServiceDeps & AccountDeps, claim: Claim): Promise<Result<SessionUser, ClaimFailure>> {
  const { firm, link, now } = claim;
  const holder = holderOf(link);
  if (!holder) return deadLink({ state: "unknown" });
  const email = holderEmail(link);
  if (identityRecordMissing(firm, link)) return fail("identity_record_missing");
  if (holder.kind === "portal" && requiresIdentityCheck(firm, link) && claim.dateOfBirthIso !== storedDateOfBirth(holder.account)) {
    const outcome = await recordWrongIdentityAnswer(deps, firm, link, holder.account, now);
    const detail = outcome.locked ? "invite locked" : `${outcome.attemptsLeft} attempts left`;
    await recordSignIn(deps.db, claim.origin, { firmId: firm.id, emailTyped: email, reason: "identity_check_failed", portalAccountId: holder.account.id, detail });
    return outcome.locked ? deadLink({ state: "locked", link }) : fail("identity_answer_wrong", { attemptsLeft: outcome.attemptsLeft });
  }
  const hash = await checkAndHashNewPassword(deps.config, firm, email, claim.password);
  if (!hash.ok) return hash;
  const used = await changeAccounts(deps.sessionVersions, [refOfHolder(holder)], (change) =>
    useLinkOnce(deps.db, { firmId: firm.id, link, token: claim.token, path: "claim", now }, async (tx) => {
      await setFirstPassword(tx, change, holder, hash.value, now);
      await revokeOtherPasswordLinks(tx, linksOf(holder), now);
    }),
  );
  if (!used.ok) return used;
  await recordSignIn(deps.db, claim.origin, { firmId: firm.id, emailTyped: email, reason: "invite_claim", ...auditOwner(holder) });
  return ok(sessionFor(holder, firm.id));
}
