import type { Firm } from "../../generated/prisma/client";
import type { Result } from "../../platform/errors";
import { confirmEmail } from "../../accounts/use-cases/confirm-account-email";
import { changeAccounts } from "../../accounts/change-account";
import type { AccountDeps } from "../../accounts/change-account";
import { useLinkOnce } from "../consume-access-link";
import type { DeadLinkFailure, HeldLink } from "../find-link";

/** Use a confirmation link: the email counts as confirmed. Not a sign-in: the next step is signing in. */
export async function useConfirmLink(deps: AccountDeps, input: { firm: Firm; link: HeldLink; token: string; now: Date }): Promise<Result<true, DeadLinkFailure>> {
  const { link, now } = input;
  const accountId = link.portalAccountId;
  const refs = accountId ? [{ kind: "portal" as const, id: accountId }] : [];
  return changeAccounts(deps.sessionVersions, refs, (change) =>
    useLinkOnce(deps.db, { firmId: input.firm.id, link, token: input.token, path: "confirm", now }, async (tx) => {
      if (accountId) await confirmEmail(tx, change, accountId, now);
    }),
  );
}
