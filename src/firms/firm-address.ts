import type { Db } from "../platform/db/prisma";

/**
 * Where a firm's portal lives: its slug (/portal/{slug}) and its own domains. The rules are the same for the CLI,
 * the API and the console: a slug is lowercase letters, digits and single hyphens, 2 to 40 characters, not a word
 * the gateway or a firm's visitors would read as something else; it is unique across current slugs AND the former
 * slugs that still redirect. A domain is a host name (no port, no address, no path), unique across firms, and never
 * the gateway's own host (its portals would all be served as that one firm's).
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "admin", "api", "app", "assets", "auth", "console", "dashboard", "docs", "health", "healthz", "help", "internal", "login",
  "logout", "metrics", "new", "null", "openapi", "portal", "portals", "public", "readyz", "root", "settings", "signin",
  "signup", "static", "status", "support", "system", "undefined", "webhooks", "www",
]);

export type SlugProblem = "format" | "reserved" | "taken";
export type DomainProblem = "format" | "gateway_host" | "taken";

const SLUG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/;

/** The slug as stored (trimmed, lower-cased), or what is wrong with it apart from uniqueness. */
export function checkSlugFormat(typed: string): { slug: string } | { problem: Exclude<SlugProblem, "taken"> } {
  const slug = typed.trim().toLowerCase();
  if (!SLUG.test(slug)) return { problem: "format" };
  if (RESERVED_SLUGS.has(slug)) return { problem: "reserved" };
  return { slug };
}

/** Whether a slug names a firm now, or did (a former slug keeps redirecting, so it stays taken). `exceptFirmId` may reuse its own. */
export async function slugTaken(db: Db, slug: string, exceptFirmId?: string): Promise<boolean> {
  const [firm, alias] = await Promise.all([db.firm.findUnique({ where: { slug }, select: { id: true } }), db.firmSlugAlias.findUnique({ where: { slug }, select: { firmId: true } })]);
  return (!!firm && firm.id !== exceptFirmId) || (!!alias && alias.firmId !== exceptFirmId);
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The host name as stored (trimmed, lower-cased, no final dot), or what is wrong with it apart from uniqueness. */
export function checkDomainFormat(typed: string, gatewayHost: string): { domain: string } | { problem: Exclude<DomainProblem, "taken"> } {
  const domain = typed.trim().toLowerCase().replace(/\.$/, "");
  const labels = domain.split(".");
  const valid = domain.length <= 253 && labels.length >= 2 && labels.every((label) => LABEL.test(label)) && /[a-z]/.test(labels[labels.length - 1]!);
  if (!valid) return { problem: "format" };
  if (domain === gatewayHost.toLowerCase()) return { problem: "gateway_host" };
  return { domain };
}

export async function domainTaken(db: Db, domain: string): Promise<boolean> {
  return !!(await db.firmDomain.findUnique({ where: { domain }, select: { domain: true } }));
}
