import type { Config } from "../../config";
import type { AccessLinkKind } from "../generated/prisma/client";
import { linkKinds } from "./link-kinds";
import { publicBaseUrl } from "../platform/http/public-url";

/*
 * Absolute links for emails come from PUBLIC_URL (publicBaseUrl), never from the request's Host header. The slug
 * is the firm's current one at delivery time; links minted under an older slug still work through FirmSlugAlias.
 * A firm with a custom domain gets links on that domain instead: a domain the firm set up, not one a request named.
 */

/** A firm as its links need it: the slug, and its custom domains, oldest first (see `firstDomain`). */
export interface LinkFirm {
  slug: string;
  domains?: { domain: string }[];
}

/** Prisma `include`/`select` for a firm's domain its links point to: the oldest one it has. */
export const firstDomain = { select: { domain: true }, orderBy: { createdAt: "asc" }, take: 1 } as const;

/**
 * The firm's portal as its clients should open it: on the firm's own domain when it has one (where the portal
 * is /portal, without the slug, and the client sees the firm's address and not ours), otherwise on PUBLIC_URL
 * under the current slug. A custom domain takes PUBLIC_URL's scheme (https in production) and no port.
 */
export function portalUrl(config: Config, firm: LinkFirm): string {
  const domain = firm.domains?.[0]?.domain;
  if (domain) return `${new URL(publicBaseUrl(config)).protocol}//${domain}/portal`;
  return `${publicBaseUrl(config)}/portal/${encodeURIComponent(firm.slug)}`;
}

/** A client's own sign-in address: the portal's sign-in page with their email filled in (the console's copyable link). */
export function clientSignInUrl(config: Config, firm: LinkFirm, email: string): string {
  return `${portalUrl(config, firm)}/login?${new URLSearchParams({ email }).toString()}`;
}

export function linkUrl(config: Config, firm: LinkFirm, kind: AccessLinkKind, token: string): string {
  return `${portalUrl(config, firm)}/${linkKinds[kind].path}/${token}`;
}
