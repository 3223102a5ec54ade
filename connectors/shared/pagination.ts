import type { z } from "zod";
import type { Page, PsaResult } from "../types";
import { fail, forward, succeed } from "./result";

/** Parses an RFC 5988 Link header (`<url>; rel="next", <url>; rel="last"`) into rel -> url. */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match) continue;
    const rel = /rel="?([^";]+)"?/.exec(match[2] ?? "");
    if (rel?.[1] && match[1]) for (const name of rel[1].trim().split(/\s+/)) links[name] = match[1];
  }
  return links;
}

/** True when `url` is https (or http for a loopback test server) on the same host as `base`. */
export function isSameHost(url: string, base: string): boolean {
  try {
    const target = new URL(url);
    const expected = new URL(base);
    return target.protocol === expected.protocol && target.host.toLowerCase() === expected.host.toLowerCase();
  } catch {
    return false;
  }
}

/** Cursors are opaque to callers: base64url JSON the connector reads back with a zod schema. */
export function encodeCursor(state: unknown): string {
  return Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S, vendorLabel: string): PsaResult<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return succeed(parsed.data);
  return fail("psa_misconfigured", `The listing cursor was not issued by the ${vendorLabel} connector (or has expired); restart the listing without a cursor.`, { detail: "cursor" });
}

/** Reads every page of a listing, for short lists such as one company's projects. */
export async function collectAllPages<T>(fetchPage: (cursor: string | null) => Promise<PsaResult<Page<T>>>, maxPages = 100): Promise<PsaResult<T[]>> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetchPage(cursor);
    if (!result.ok) return forward(result);
    items.push(...result.value.items);
    cursor = result.value.nextCursor;
    if (cursor === null) return succeed(items);
  }
  return fail("psa_unexpected_payload", `The PSA kept returning more pages after ${maxPages}; stopped to avoid a loop.`, { detail: "pagination" });
}
