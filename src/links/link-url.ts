import type { Config } from "../../config";
import type { AccessLinkKind } from "../generated/prisma/client";
import { linkKinds } from "./link-kinds";

/**
 * Absolute links for emails come from PUBLIC_URL, never from the request's Host header (a forged Host would
 * otherwise send a victim's reset link to an attacker's site: OWASP Forgot Password Cheat Sheet). The slug is
 * the firm's current one at delivery time; links minted under an older slug still work through FirmSlugAlias.
 */
export function publicBaseUrl(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
}

export function portalUrl(config: Config, slug: string): string {
  return `${publicBaseUrl(config)}/portal/${encodeURIComponent(slug)}`;
}

export function linkUrl(config: Config, slug: string, kind: AccessLinkKind, token: string): string {
  return `${portalUrl(config, slug)}/${linkKinds[kind].path}/${token}`;
}
