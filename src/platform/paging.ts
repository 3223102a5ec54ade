import type { z } from "zod";

/**
 * Keyset ("cursor") paging: a page is the rows after the last one shown, found through an index, so page 400
 * of 10,000 clients costs what page 1 does (an OFFSET would read and drop every row before it). The cursor is
 * opaque to its reader: the last row's sort key, base64url-encoded JSON.
 */
export interface Page<T> {
  items: T[];
  /** The cursor of the next page; null on the last one. */
  next: string | null;
}

export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The key a cursor holds, or null when it is absent, malformed or not of this listing's shape (then paging starts over). */
export function decodeCursor<S extends z.ZodType<Record<string, string>>>(cursor: string | undefined | null, shape: S): z.output<S> | null {
  if (!cursor || cursor.length > 1000) return null;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Rows were read with `take: limit + 1`: the extra one only says a next page exists. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string>): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
