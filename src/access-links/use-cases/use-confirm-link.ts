import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { Result } from "../../platform/errors";
import { confirmEmail } from "../../accounts/use-cases/confirm-account-email";
import { useLinkOnce } from "../consume-access-link";
import type { DeadLinkFailure, HeldLink } from "../find-link";

/** Use a confirmation link: the email counts as confirmed. Not a sign-in: the next step is signing in. */
export async function useConfirmLink(db: Db, input: { firm: Firm; link: HeldLink; token: string; now: Date }): Promise<Result<true, DeadLinkFailure>> {
  const { link, now } = input;
  const accountId = link.portalAccountId;
  return useLinkOnce(db, { firmId: input.firm.id, link, token: input.token, path: "confirm", now }, async (tx) => {
    if (accountId) await confirmEmail(tx, accountId, now);
  });
}
