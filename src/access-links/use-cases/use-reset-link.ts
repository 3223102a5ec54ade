import type { Firm } from "../../generated/prisma/client";
import { ok } from "../../platform/errors";
import type { Result } from "../../platform/errors";
import type { RequestOrigin } from "../../platform/http/request-state";
import { refOfHolder, resetPassword } from "../../accounts/use-cases/change-account-password";
import { changeAccounts } from "../../accounts/change-account";
import type { AccountDeps } from "../../accounts/change-account";
import { recordSignIn } from "../../sign-in/record-sign-in";
import { revokeOtherPasswordLinks, useLinkOnce } from "../consume-access-link";
import { deadLink } from "../find-link";
import type { DeadLinkFailure, HeldLink } from "../find-link";
import { auditOwner, holderOf, linksOf } from "../link-holder";
import { checkAndHashNewPassword } from "../new-password";
import type { PasswordRejection } from "../new-password";
import type { LinkServiceDeps } from "./issue-access-link";

/**
 * Use a reset link: a new password, the email confirmed (the link proves the inbox), every session of the account
 * ended, other open reset and invite links revoked. It does not sign in: the holder signs in with the new password,
 * which also lets a password manager save it (OWASP Forgot Password Cheat Sheet). Returns who it was for.
 */
export async function useResetLink(
  deps: LinkServiceDeps & AccountDeps,
  input: { firm: Firm; link: HeldLink; token: string; password: string; origin: RequestOrigin; now: Date },
): Promise<Result<{ staff: boolean }, PasswordRejection | DeadLinkFailure>> {
  const { firm, link, now } = input;
  const holder = holderOf(link);
  if (!holder) return deadLink({ state: "unknown" });
  const hash = await checkAndHashNewPassword(deps.config, firm, holder.account.email, input.password);
  if (!hash.ok) return hash;
  const used = await changeAccounts(deps.sessionVersions, [refOfHolder(holder)], (change) =>
    useLinkOnce(deps.db, { firmId: firm.id, link, token: input.token, path: "reset", now }, async (tx) => {
      await resetPassword(tx, change, holder, hash.value, now);
      await revokeOtherPasswordLinks(tx, linksOf(holder), now);
    }),
  );
  if (!used.ok) return used;
  const staff = holder.kind === "staff" ? { detail: "staff password reset" } : {};
  await recordSignIn(deps.db, input.origin, { firmId: firm.id, emailTyped: holder.account.email, reason: "reset_claim", ...auditOwner(holder), ...staff });
  return ok({ staff: holder.kind === "staff" });
}
