import type { Config } from "../../../config";

/**
 * The gateway's address as clients see it (PUBLIC_URL), for absolute links in emails and on pages. Never taken
 * from a request's Host header: a forged Host would otherwise send a victim's link to an attacker's site
 * (OWASP Forgot Password Cheat Sheet).
 */
export function publicBaseUrl(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, "");
}
