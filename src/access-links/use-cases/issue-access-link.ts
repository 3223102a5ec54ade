import crypto from "node:crypto";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import type { AccessLinkKind, Firm, PortalAccount, StaffAccount } from "../../generated/prisma/client";
import { composeLinkEmail } from "../link-email";
import { emailBrandOf, formatterFor } from "../../firms/firm-presentation";
import { outboxRow } from "../../platform/mail/enqueue-email";
import { linkLifetimeMinutes } from "../link-kinds";
import { firstDomain, linkUrl } from "../link-url";
import { generateToken, hashToken } from "../tokens";

export interface LinkServiceDeps {
  db: Db;
  config: Config;
  /** Start delivering queued email now (the mail worker's kick). */
  kickMail(): void;
}

/** Who a link is for. Magic links, confirmations and client invites only ever name a portal account. */
export type LinkHolder = { kind: "portal"; account: PortalAccount } | { kind: "staff"; account: StaffAccount };

const kindsFor: Record<LinkHolder["kind"], AccessLinkKind[]> = {
  portal: ["invite_client", "reset", "magic", "confirm"],
  staff: ["invite_staff", "reset"],
};

export interface IssueOptions {
  firm: Firm;
  kind: AccessLinkKind;
  holder: LinkHolder;
  /** Who asked: "self-service", "staff:<id>", ... (kept on the link for support). */
  issuedBy: string;
  /** "email" (default): queued in the outbox, token minted at delivery. "return": the URL comes back to copy and share. */
  delivery?: "email" | "return";
  now?: Date;
}

/**
 * Issue a link. Earlier open links of the same kind for the same account are marked superseded in the same
 * transaction (so their pages say "a newer link was sent"), and the new one gets a fresh window. Nothing
 * else about the account changes. Emailed links are stored with a throwaway hash until delivery mints the
 * real token, so the token is never written anywhere but the email.
 */
export async function issueAccessLink(deps: LinkServiceDeps, options: IssueOptions): Promise<{ linkId: string; expiresAt: Date; url?: string }> {
  const { firm, kind, holder } = options;
  if (!kindsFor[holder.kind].includes(kind)) throw new Error(`a ${kind} link cannot be issued to a ${holder.kind} account`);
  if (holder.account.firmId !== firm.id) throw new Error("the account belongs to another firm");
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + linkLifetimeMinutes(firm.settings, kind) * 60_000);
  const token = generateToken();
  const linkId = crypto.randomUUID();
  const owner = holder.kind === "portal" ? { portalAccountId: holder.account.id } : { staffAccountId: holder.account.id };
  const delivery = options.delivery ?? "email";

  await deps.db.$transaction([
    deps.db.accessLink.updateMany({
      where: { firmId: firm.id, kind, ...owner, usedAt: null, revokedAt: null, supersededAt: null },
      data: { supersededAt: now },
    }),
    deps.db.accessLink.create({
      data: { id: linkId, kind, tokenHash: hashToken(token), firmId: firm.id, ...owner, expiresAt, issuedBy: options.issuedBy.slice(0, 200), createdAt: now },
    }),
    ...(delivery === "email"
      ? [
          deps.db.outboxEmail.create({
            data: outboxRow(deps.config, {
              firmId: firm.id,
              kind,
              to: holder.account.email,
              firmName: firm.name,
              content: composeLinkEmail({ kind, brand: emailBrandOf(deps.config, firm), format: formatterFor(firm), expiresAt, now }),
              accessLinkId: linkId,
            }),
          }),
        ]
      : []),
  ]);
  if (delivery === "email") {
    deps.kickMail();
    return { linkId, expiresAt };
  }
  const domains = await deps.db.firmDomain.findMany({ where: { firmId: firm.id }, ...firstDomain });
  return { linkId, expiresAt, url: linkUrl(deps.config, { slug: firm.slug, domains }, kind, token) };
}
