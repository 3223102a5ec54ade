import { z } from "zod";
import type { SignInEvent } from "../../generated/prisma/client";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { decodeCursor, pageOf } from "../../platform/paging";
import type { Page } from "../../platform/paging";
import { startOfDayIn } from "../../platform/formatting";
import { signInReasons } from "../../sign-in/sign-in-reasons";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";

/**
 * The firm's client sign-in trail (SignInEvent rows without a staff account): who tried, when, from where, and
 * what happened, by reason code. The same filter serves the console's page, its CSV export, the API and the
 * CLI's `trail` command.
 */
export interface TrailFilter {
  /** Matches the address as typed, or anything that normalizes to the same address. */
  email?: string | null;
  reason?: string | null;
  /** Calendar days ("YYYY-MM-DD") in the firm's time zone, both included. */
  from?: string | null;
  to?: string | null;
}

const day = z.iso.date();
export type TrailFailure = Failure<"validation_failed"> & { fields: Record<string, string> };

/** The filter as a query, or what is wrong with each part of it. */
export function trailWhere(firmId: string, filter: TrailFilter, timeZone: string): Result<Prisma.SignInEventWhereInput, TrailFailure> {
  const fields: Record<string, string> = {};
  const email = filter.email?.trim() ?? "";
  if (email.length > 320) fields.email = "at most 320 characters";
  const reason = filter.reason?.trim() ?? "";
  if (reason && !(reason in signInReasons)) fields.reason = "one of the listed reasons";
  const from = filter.from?.trim() ?? "";
  const to = filter.to?.trim() ?? "";
  if (from && !day.safeParse(from).success) fields.from = "a date such as 2026-12-01";
  if (to && !day.safeParse(to).success) fields.to = "a date such as 2026-12-31";
  if (from && to && !fields.from && !fields.to && from > to) fields.to = "on or after the start date";
  if (Object.keys(fields).length) return fail("validation_failed", { fields });
  const at = {
    ...(from ? { gte: startOfDayIn(timeZone, from) } : {}),
    ...(to ? { lt: startOfDayIn(timeZone, to, 1) } : {}),
  };
  return ok({
    firmId,
    staffAccountId: null,
    ...(email ? { OR: [{ emailNormalized: normalizeEmail(email) }, { emailTyped: email }] } : {}),
    ...(reason ? { reason } : {}),
    ...(from || to ? { at } : {}),
  });
}

const cursorShape = z.object({ at: z.iso.datetime(), id: z.uuid() });
/** Whether a cursor is one this listing gave out (the API and the CLI refuse others instead of starting over). */
export const isTrailCursor = (cursor: string): boolean => decodeCursor(cursor, cursorShape) !== null;
const after = (cursor: string | null | undefined): Prisma.SignInEventWhereInput => {
  const key = decodeCursor(cursor, cursorShape);
  if (!key) return {};
  const at = new Date(key.at);
  return { OR: [{ at: { lt: at } }, { at, id: { lt: key.id } }] };
};
const newestFirst = [{ at: "desc" }, { id: "desc" }] satisfies Prisma.SignInEventOrderByWithRelationInput[];

/** One page of the trail, newest first, by cursor (the (firmId, at) index keeps page 100 as cheap as page 1). */
export async function listSignInTrail(
  db: Db,
  input: { firmId: string; timeZone: string; filter: TrailFilter; cursor?: string | null; limit?: number },
): Promise<Result<Page<SignInEvent>, TrailFailure>> {
  const where = trailWhere(input.firmId, input.filter, input.timeZone);
  if (!where.ok) return where;
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 500);
  const rows = await db.signInEvent.findMany({ where: { AND: [where.value, after(input.cursor)] }, orderBy: newestFirst, take: limit + 1 });
  return ok(pageOf(rows, limit, (row) => ({ at: row.at.toISOString(), id: row.id })));
}

/** Every row the filter matches, newest first, read in batches so an export of a year never sits in memory whole. */
export async function* eachSignInEvent(db: Db, where: Prisma.SignInEventWhereInput, batch = 500): AsyncGenerator<SignInEvent> {
  let cursor: string | null = null;
  do {
    const rows: SignInEvent[] = await db.signInEvent.findMany({ where: { AND: [where, after(cursor)] }, orderBy: newestFirst, take: batch + 1 });
    const page: Page<SignInEvent> = pageOf(rows, batch, (row) => ({ at: row.at.toISOString(), id: row.id }));
    yield* page.items;
    cursor = page.next;
  } while (cursor);
}
