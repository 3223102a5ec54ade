import type { Firm } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { deadLink, findLink, holderEmail, offersSignInLink } from "../find-link";
import type { DeadLinkFailure } from "../find-link";
import { kindsForPath } from "../link-kinds";
import type { LinkKindInfo } from "../link-kinds";
import type { LinkRequestLimits } from "../link-request-limits";
import type { LinkServiceDeps } from "./issue-access-link";
import { sendRequestedLink } from "./send-requested-link";

export type Renewal =
  | { kind: "still_live" }
  | { kind: "sent"; to: string }
  | { kind: "already_confirmed" }
  /** A used or superseded link: a sign-in link goes to `to` if the account can have one; `send` is run after answering. */
  | { kind: "sign_in_link"; to: string; send: () => Promise<unknown> };

/**
 * The button on an expired link's page: a fresh link of the same kind goes to the address on file (never to an
 * address typed here), which starts a new window and leaves the rest of the account alone. Staff links are not
 * renewable by their holder (a staff invite's short life is the point).
 *
 * A client's used or superseded sign-in or reset link offers "email me a new sign-in link" instead: the answer is
 * the same whatever the account's state (the work, which may send nothing, or a notice, is run after answering),
 * so the page tells nobody whether the account can still sign in.
 */
export async function renewExpiredLink(
  deps: LinkServiceDeps & { limits: LinkRequestLimits },
  input: { firm: Firm; token: string; path: LinkKindInfo["path"]; ip: string; now: Date },
): Promise<Result<Renewal, DeadLinkFailure | (Failure<"rate_limited"> & { until: Date })>> {
  const lookup = await findLink(deps.db, input.firm.id, input.token, kindsForPath(input.path), input.now);
  if (lookup.state === "live") return ok({ kind: "still_live" });
  if ((lookup.state === "used" || lookup.state === "superseded") && offersSignInLink(lookup.link) && lookup.link.portalAccount) {
    const account = lookup.link.portalAccount;
    const limit = await deps.limits.hit(input.firm.id, account.email, input.ip);
    if (!limit.ok) return fail("rate_limited", { until: limit.until });
    return ok({ kind: "sign_in_link", to: account.email, send: () => sendRequestedLink(deps, input.firm, account, "magic", "self-service:dead-link") });
  }
  if (lookup.state !== "expired") return deadLink(lookup);
  const { link } = lookup;
  const account = link.portalAccount;
  if (!account) return deadLink(lookup);
  if (account.status === "disabled") return deadLink({ state: "disabled", link });
  const limit = await deps.limits.hit(input.firm.id, account.email, input.ip);
  if (!limit.ok) return fail("rate_limited", { until: limit.until });
  const requested = link.kind === "invite_client" ? "reset" : link.kind === "magic" || link.kind === "confirm" ? link.kind : "reset";
  const sent = await sendRequestedLink(deps, input.firm, account, requested, "self-service:renew");
  return ok(sent ? { kind: "sent", to: holderEmail(link) } : { kind: "already_confirmed" });
}
