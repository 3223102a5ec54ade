import { z } from "zod";
import type { StaffAction } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { decodeCursor, pageOf } from "../../platform/paging";
import type { Page } from "../../platform/paging";
import type { Actor } from "../../accounts/actor";

const cursorShape = z.object({ at: z.iso.datetime(), id: z.uuid() });

/** The firm's staff-action log, newest first, for its owners (it shows what every colleague did). */
export async function listStaffActions(
  db: Db,
  input: { firmId: string; viewer: Actor; cursor?: string | null; limit?: number; action?: string | null },
): Promise<Result<Page<StaffAction>, Failure<"owners_only">>> {
  if (input.viewer.role !== "owner") return fail("owners_only");
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const after = decodeCursor(input.cursor, cursorShape);
  const at = after ? new Date(after.at) : null;
  const rows = await db.staffAction.findMany({
    where: {
      firmId: input.firmId,
      ...(input.action ? { action: input.action } : {}),
      ...(at && after ? { OR: [{ at: { lt: at } }, { at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  return ok(pageOf(rows, limit, (row) => ({ at: row.at.toISOString(), id: row.id })));
}
