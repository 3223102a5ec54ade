import { z } from "zod";
import type { Config } from "../../../config";
import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { publicBaseUrl } from "../../platform/http/public-url";
import type { Actor } from "../../accounts/actor";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";

/**
 * A firm's name, slug and custom domains: what its clients see in the address bar and the header. Owners and
 * admins change them (console, API, CLI alike); each change is in the staff-action log. An old slug keeps
 * working: it becomes a FirmSlugAlias that redirects to the new one (firms/firm-directory.ts).
 */

/** A slug is one URL path segment: lower-case letters, digits and inner hyphens, 2 to 48 characters. */
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])$/, "2 to 48 lower-case letters, digits or hyphens, starting and ending with a letter or digit");

export const firmNameSchema = z
  .string()
  .trim()
  .min(1, "the firm's name, as its clients know it")
  .max(100, "at most 100 characters")
  .refine((name) => !/[\p{Cc}<>]/u.test(name), "letters, digits and punctuation, without < or >");

/** A host name a firm points at the gateway: lower-case, no port, no IP address, at least one dot. */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, "at most 253 characters")
  .regex(/^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a host name such as portal.yourfirm.com, without https:// or a path");

type Fields = Failure<"validation_failed"> & { fields: Record<string, string> };
type Refused = Failure<"owners_and_admins_only">;
const invalid = (field: string, message: string) => fail("validation_failed", { fields: { [field]: message } });
const mayChange = (actor: Actor) => actor.role === "owner" || actor.role === "admin";

export async function changeFirmName(db: Db, input: { firm: Firm; actor: Actor; name: string }): Promise<Result<Firm, Fields | Refused>> {
  if (!mayChange(input.actor)) return fail("owners_and_admins_only");
  const parsed = firmNameSchema.safeParse(input.name);
  if (!parsed.success) return invalid("name", parsed.error.issues[0]?.message ?? "not valid");
  if (parsed.data === input.firm.name) return ok(input.firm);
  return ok(
    await db.$transaction(async (tx) => {
      const firm = await tx.firm.update({ where: { id: input.firm.id }, data: { name: parsed.data } });
      await recordStaffAction(tx, { firmId: firm.id, actor: input.actor, action: "firm_renamed", subject: "name", before: { value: input.firm.name }, after: { value: firm.name } });
      return firm;
    }),
  );
}

/** Move the portal to a new slug; the old one redirects from now on. A slug this firm used before can be taken back. */
export async function changeFirmSlug(db: Db, input: { firm: Firm; actor: Actor; slug: string }): Promise<Result<Firm, Fields | Refused>> {
  if (!mayChange(input.actor)) return fail("owners_and_admins_only");
  const parsed = slugSchema.safeParse(input.slug);
  if (!parsed.success) return invalid("slug", parsed.error.issues[0]?.message ?? "not valid");
  const slug = parsed.data;
  const { firm } = input;
  if (slug === firm.slug) return ok(firm);
  const [owner, alias] = await Promise.all([db.firm.findUnique({ where: { slug } }), db.firmSlugAlias.findUnique({ where: { slug } })]);
  if (owner || (alias && alias.firmId !== firm.id)) return invalid("slug", "already the address of another portal: choose another");
  return ok(
    await db.$transaction(async (tx) => {
      if (alias) await tx.firmSlugAlias.delete({ where: { slug } });
      await tx.firmSlugAlias.upsert({ where: { slug: firm.slug }, create: { slug: firm.slug, firmId: firm.id }, update: { firmId: firm.id, retiredAt: new Date() } });
      const updated = await tx.firm.update({ where: { id: firm.id }, data: { slug } });
      await recordStaffAction(tx, { firmId: firm.id, actor: input.actor, action: "slug_changed", subject: "slug", before: { value: firm.slug }, after: { value: slug } });
      return updated;
    }),
  );
}

/** The firm's slug history, newest first: each still redirects to the current slug. */
export function listSlugHistory(db: Db, firmId: string) {
  return db.firmSlugAlias.findMany({ where: { firmId }, orderBy: { retiredAt: "desc" }, take: 50 });
}

export function listFirmDomains(db: Db, firmId: string) {
  return db.firmDomain.findMany({ where: { firmId }, orderBy: { domain: "asc" } });
}

export async function addFirmDomain(deps: { db: Db; config: Config }, input: { firm: Firm; actor: Actor; domain: string }): Promise<Result<{ domain: string }, Fields | Refused>> {
  if (!mayChange(input.actor)) return fail("owners_and_admins_only");
  const parsed = domainSchema.safeParse(input.domain);
  if (!parsed.success) return invalid("domain", parsed.error.issues[0]?.message ?? "not valid");
  const domain = parsed.data;
  // The gateway's own host serves every firm by slug: a firm cannot claim it.
  if (new URL(publicBaseUrl(deps.config)).hostname === domain) return invalid("domain", "the gateway's own address: use a host name of your firm's");
  const existing = await deps.db.firmDomain.findUnique({ where: { domain } });
  if (existing) return existing.firmId === input.firm.id ? ok({ domain }) : invalid("domain", "already serves another portal");
  await deps.db.$transaction(async (tx) => {
    await tx.firmDomain.create({ data: { domain, firmId: input.firm.id } });
    await recordStaffAction(tx, { firmId: input.firm.id, actor: input.actor, action: "domain_added", subject: domain, after: { value: domain } });
  });
  return ok({ domain });
}

export async function removeFirmDomain(db: Db, input: { firm: Firm; actor: Actor; domain: string }): Promise<Result<{ domain: string }, Failure<"not_found"> | Refused>> {
  if (!mayChange(input.actor)) return fail("owners_and_admins_only");
  const domain = input.domain.trim().toLowerCase();
  const removed = await db.$transaction(async (tx) => {
    const { count } = await tx.firmDomain.deleteMany({ where: { domain, firmId: input.firm.id } });
    if (count > 0) await recordStaffAction(tx, { firmId: input.firm.id, actor: input.actor, action: "domain_removed", subject: domain, before: { value: domain } });
    return count > 0;
  });
  return removed ? ok({ domain }) : fail("not_found");
}
