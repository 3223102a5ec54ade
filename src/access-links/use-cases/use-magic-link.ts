import type { Firm } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { RequestOrigin, SessionUser } from "../../platform/http/request-state";
import { confirmEmailAndSignIn } from "../../accounts/use-cases/confirm-account-email";
import { changeAccounts } from "../../accounts/change-account";
import type { AccountDeps } from "../../accounts/change-account";
import { recordSignIn } from "../../sign-in/record-sign-in";
import { useLinkOnce } from "../consume-access-link";
import type { DeadLinkFailure, HeldLink } from "../find-link";

/** A magic link whose account is not active (never claimed): it cannot sign in, whatever the link's state. */
export type NotSetUp = Failure<"link_not_valid"> & { notSetUp: true };

export function magicLinkAccount(link: HeldLink): Result<NonNullable<HeldLink["portalAccount"]>, NotSetUp> {
  return link.portalAccount?.status === "active" ? ok(link.portalAccount) : fail("link_not_valid", { notSetUp: true as const });
}

/**
 * Use a magic link and sign in as the portal account it names (the link came to the inbox, which confirms the
 * address). A magic link only ever names a portal account (issueAccessLink refuses staff), and the session it
 * starts is a client session, which staff pages refuse.
 */
export async function useMagicLink(
  deps: AccountDeps,
  input: { firm: Firm; link: HeldLink; token: string; origin: RequestOrigin; now: Date },
): Promise<Result<SessionUser, NotSetUp | DeadLinkFailure>> {
  const { firm, link, now } = input;
  const account = magicLinkAccount(link);
  if (!account.ok) return account;
  const used = await changeAccounts(deps.sessionVersions, [{ kind: "portal", id: account.value.id }], (change) =>
    useLinkOnce(deps.db, { firmId: firm.id, link, token: input.token, path: "magic", now }, (tx) => confirmEmailAndSignIn(tx, change, account.value, now)),
  );
  if (!used.ok) return used;
  await recordSignIn(deps.db, input.origin, { firmId: firm.id, emailTyped: account.value.email, reason: "magic_link_claim", portalAccountId: account.value.id });
  return ok({ kind: "portal", id: account.value.id, firmId: firm.id });
}
