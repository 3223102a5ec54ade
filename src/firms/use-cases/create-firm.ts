import type { Firm, StaffAccount } from "../../generated/prisma/client";
import type { Config } from "../../../config";
import { emailBrandOf, formatterFor } from "../firm-presentation";
import { Prisma } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { publicBaseUrl } from "../../platform/http/public-url";
import type { NewEmail } from "../../platform/mail/enqueue-email";
import type { SentNow } from "../../platform/mail/send-now";
import type { Actor } from "../../accounts/actor";
import { composeLinkEmail } from "../../access-links/link-email";
import { issueAccessLink } from "../../access-links/use-cases/issue-access-link";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { inviteAddress } from "../../console/use-cases/invite-client";
import type { InviteFailure } from "../../console/use-cases/invite-client";
import { checkDomainFormat, checkSlugFormat, domainTaken, slugTaken } from "../firm-address";
import type { DomainProblem, SlugProblem } from "../firm-address";

export type FieldFailure =
  | (Failure<"validation_failed"> & { field: "slug"; problem: SlugProblem })
  | (Failure<"validation_failed"> & { field: "domain"; problem: DomainProblem })
  | (Failure<"validation_failed"> & { field: "name" });

export interface CreatedFirm {
  firm: Firm;
  owner: StaffAccount;
  /** The owner's one-hour staff invite, to print: whoever runs the command hands it over. */
  invite: { url: string; expiresAt: Date };
  /** The same link by email: sent, failed (with the SMTP error), or not tried (no SMTP_URL). */
  emailed: SentNow | null;
}

export type CreateFirmDeps = LinkServiceDeps & {
  /** Sends an email at once (platform/mail/send-now.ts); absent when there is no SMTP server to send through. */
  mailNow?: (email: NewEmail & { link: string }) => Promise<SentNow>;
};

/** The firm's name: what clients read on every page and in every email. */
export function checkFirmName(typed: string): string | null {
  const name = typed.trim().replace(/\s+/g, " ");
  return name.length >= 2 && name.length <= 120 && !/[\r\n<>]/.test(name) ? name : null;
}

async function checkAddress(deps: CreateFirmDeps, input: { slug: string; domain?: string }): Promise<Result<{ slug: string; domain: string | null }, FieldFailure>> {
  const slug = checkSlugFormat(input.slug);
  if ("problem" in slug) return fail("validation_failed", { field: "slug" as const, problem: slug.problem });
  if (await slugTaken(deps.db, slug.slug)) return fail("validation_failed", { field: "slug" as const, problem: "taken" as const });
  if (input.domain === undefined) return ok({ slug: slug.slug, domain: null });
  const domain = checkDomainFormat(input.domain, new URL(publicBaseUrl(deps.config)).hostname);
  if ("problem" in domain) return fail("validation_failed", { field: "domain" as const, problem: domain.problem });
  if (await domainTaken(deps.db, domain.domain)) return fail("validation_failed", { field: "domain" as const, problem: "taken" as const });
  return ok({ slug: slug.slug, domain: domain.domain });
}

/**
 * The operator onboards a firm: the firm (slug, name, optional own domain) and its first owner, invited with a
 * one-hour staff link that comes back to be handed over, and is also emailed when the gateway can send email.
 * Nothing is made unless everything is valid; a slug or domain taken meanwhile reads as taken.
 */
export async function createFirm(deps: CreateFirmDeps, input: { slug: string; name: string; ownerEmail: string; domain?: string; actor: Actor }): Promise<Result<CreatedFirm, FieldFailure | InviteFailure>> {
  const name = checkFirmName(input.name);
  if (!name) return fail("validation_failed", { field: "name" as const });
  const owner = inviteAddress(input.ownerEmail);
  if (!owner.ok) return owner;
  const address = await checkAddress(deps, input);
  if (!address.ok) return address;
  const { slug, domain } = address.value;
  let created: { firm: Firm; owner: StaffAccount };
  try {
    created = await deps.db.$transaction(async (tx) => {
      const firm = await tx.firm.create({ data: { slug, name, ...(domain ? { domains: { create: { domain } } } : {}) } });
      return { firm, owner: await tx.staffAccount.create({ data: { firmId: firm.id, email: owner.value, role: "owner", status: "invited" } }) };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const field = JSON.stringify(error.meta ?? {}).includes("domain") ? ("domain" as const) : ("slug" as const);
      return fail("validation_failed", { field, problem: "taken" as const });
    }
    throw error;
  }
  const issued = await issueAccessLink(deps, { firm: created.firm, kind: "invite_staff", holder: { kind: "staff", account: created.owner }, issuedBy: input.actor.label, delivery: "return" });
  const invite = { url: issued.url!, expiresAt: issued.expiresAt };
  const emailed = deps.mailNow ? await deps.mailNow(inviteEmail(deps.config, created, issued.linkId, invite)) : null;
  return ok({ ...created, invite, emailed });
}

function inviteEmail(config: Config, created: { firm: Firm; owner: StaffAccount }, linkId: string, invite: { url: string; expiresAt: Date }): NewEmail & { link: string } {
  const { firm, owner } = created;
  return {
    firmId: firm.id,
    kind: "invite_staff",
    to: owner.email,
    firmName: firm.name,
    content: composeLinkEmail({ kind: "invite_staff", brand: emailBrandOf(config, firm), format: formatterFor(firm), expiresAt: invite.expiresAt, now: new Date() }),
    accessLinkId: linkId,
    link: invite.url,
  };
}
