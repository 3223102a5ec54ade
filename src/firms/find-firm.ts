import type { Firm } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { fail, ok } from "../platform/errors";
import type { Failure, Result } from "../platform/errors";
import { failed } from "../platform/cli/command";
import type { CliFailure } from "../platform/cli/command";

/** The firm an operator names by slug: its current slug or one it had before (old slugs keep working). */
export async function findFirmBySlug(db: Db, typed: string): Promise<Result<Firm, Failure<"portal_not_found"> & { slug: string }>> {
  const slug = typed.trim().toLowerCase();
  const firm = (await db.firm.findUnique({ where: { slug } })) ?? (await db.firmSlugAlias.findUnique({ where: { slug }, include: { firm: true } }))?.firm;
  return firm ? ok(firm) : fail("portal_not_found", { slug: slug.slice(0, 80) });
}

/** For operator commands: the firm, or the failure that says there is none and how to find the slugs. */
export async function firmForCommand(db: Db, typed: string): Promise<{ ok: true; value: Firm } | { ok: false; error: CliFailure }> {
  const found = await findFirmBySlug(db, typed);
  if (found.ok) return found;
  return { ok: false, error: failed("portal_not_found", `No firm has the slug "${found.error.slug}".`, "`npm run cli -- firm list` shows every firm's slug.") };
}
