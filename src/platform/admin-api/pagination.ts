import { z } from "zod";

/**
 * Cursor pagination: a page holds up to `limit` items and, when there are more, `nextCursor` to pass as `cursor`
 * for the next page. A cursor is the last item's sort key (time and id), base64url-encoded JSON: opaque to the
 * caller, stable under inserts (keyset paging, no OFFSET), and checked when it comes back.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe("items per page, 1 to 200"),
  cursor: z.string().max(200).optional().describe("the nextCursor of the previous page"),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const cursorShape = z.object({ at: z.iso.datetime(), id: z.string().max(64) });
export type CursorKey = { at: Date; id: string };

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ at: key.at.toISOString(), id: key.id })).toString("base64url");
}

/** The key a cursor names, or null when it is not one of ours (answer validation_failed). */
export function decodeCursor(cursor: string): CursorKey | null {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? { at: new Date(parsed.data.at), id: parsed.data.id } : null;
  } catch {
    return null;
  }
}

/** A page from `limit + 1` rows read: the extra row only says that there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
