import type { Db } from "../platform/db/prisma";
import type { AccessLink, AccessLinkKind, Firm, PortalAccount, StaffAccount } from "../generated/prisma/client";
import { hashToken, looksLikeToken } from "./tokens";
import { firstDomain } from "./link-url";
import { fail } from "../platform/errors";
import type { ErrorCode, Failure } from "../platform/errors";

export type HeldLink = AccessLink & { firm: Firm & { domains: { domain: string }[] }; portalAccount: PortalAccount | null; staffAccount: StaffAccount | null };

/** Everything a link can be when someone opens it. Each dead state has its own page (html/dead-link.ts). */
export type LinkLookup =
  | { state: "unknown" }
  | { state: "wrong_firm"; link: HeldLink }
  | { state: "used"; link: HeldLink; at: Date }
  | { state: "superseded"; link: HeldLink; newerAt: Date }
  | { state: "revoked"; link: HeldLink; at: Date }
  | { state: "expired"; link: HeldLink; at: Date }
  | { state: "disabled"; link: HeldLink }
  | { state: "locked"; link: HeldLink }
  | { state: "live"; link: HeldLink };

export type DeadLinkLookup = Exclude<LinkLookup, { state: "live" }>;

/** The catalogue's code for each dead state: the status and the gist of each dead link's page. */
const deadLinkCodes = {
  unknown: "link_not_valid",
  wrong_firm: "link_wrong_firm",
  used: "link_used",
  superseded: "link_superseded",
  revoked: "link_revoked",
  expired: "link_expired",
  disabled: "account_disabled",
  locked: "link_locked",
} as const satisfies Record<DeadLinkLookup["state"], ErrorCode>;

export type DeadLinkCode = (typeof deadLinkCodes)[DeadLinkLookup["state"]];

/** A use-case's failure when the link it was given turned out dead (or died meanwhile): its page is the dead link's. */
export type DeadLinkFailure = Failure<DeadLinkCode> & { lookup: DeadLinkLookup };

export function deadLink(lookup: DeadLinkLookup): { ok: false; error: DeadLinkFailure } {
  return fail(deadLinkCodes[lookup.state], { lookup });
}

export function holderEmail(link: HeldLink): string {
  return link.portalAccount?.email ?? link.staffAccount?.email ?? "";
}

/**
 * Look a token up and say what state its link is in, for this request's firm and this URL's kinds. The
 * link is found by its hash alone, so a link from another firm is recognised (and sent to the right portal)
 * instead of reading as "not valid". Order matters: "used" beats "expired" because it tells the client more.
 */
export async function findLink(db: Db, firmId: string, token: string, kinds: AccessLinkKind[], now: Date = new Date()): Promise<LinkLookup> {
  if (!looksLikeToken(token)) return { state: "unknown" };
  const link = await db.accessLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { firm: { include: { domains: firstDomain } }, portalAccount: true, staffAccount: true } });
  if (!link || !kinds.includes(link.kind)) return { state: "unknown" };
  if (link.firmId !== firmId) return { state: "wrong_firm", link };
  if (link.usedAt) return { state: "used", link, at: link.usedAt };
  if (link.supersededAt) {
    const newer = await db.accessLink.findFirst({
      where: { firmId, kind: link.kind, portalAccountId: link.portalAccountId, staffAccountId: link.staffAccountId, createdAt: { gt: link.createdAt } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    return { state: "superseded", link, newerAt: newer?.createdAt ?? link.supersededAt };
  }
  if (link.revokedAt) return { state: "revoked", link, at: link.revokedAt };
  if (link.expiresAt.getTime() <= now.getTime()) return { state: "expired", link, at: link.expiresAt };
  const holder = link.portalAccount ?? link.staffAccount;
  if (!holder || holder.status === "disabled") return { state: "disabled", link };
  if (link.lockedAt) return { state: "locked", link };
  return { state: "live", link };
}

/**
 * A used or superseded sign-in or reset link of a client offers "email me a new sign-in link" to the address on file
 * (like an expired one offers a fresh link). Staff links do not: magic links are for clients' accounts only.
 */
export function offersSignInLink(link: HeldLink): boolean {
  return (link.kind === "magic" || link.kind === "reset") && link.portalAccountId !== null;
}
