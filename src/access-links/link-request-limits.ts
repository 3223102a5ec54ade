import type { Config } from "../../config";
import type { KeyValueStore } from "../platform/kv/store";

export type LimitResult = { ok: true } | { ok: false; until: Date };

export interface LinkRequestLimits {
  /** Count one "email me a link" request for this address on this firm and from this IP. */
  hit(firmId: string, email: string, ip: string): Promise<LimitResult>;
}

/**
 * Brakes on "email me a link" (forgot password, sign-in link, confirmation, renewing an expired link): per
 * address, so nobody can flood a client's inbox, and per IP, so one client of ours cannot be used to spray
 * every address. Unknown addresses are counted exactly like known ones, so a 429 reveals nothing.
 */
export function createLinkRequestLimits(store: KeyValueStore, config: Config, now: () => number = Date.now): LinkRequestLimits {
  const perAddress = store.counter({ name: "link-email-address", points: config.LINK_EMAILS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 });
  const perIp = store.counter({ name: "link-email-ip", points: config.LINK_EMAILS_PER_IP_PER_HOUR, windowSeconds: 3600 });
  return {
    async hit(firmId, email, ip) {
      const ipState = await perIp.hit(ip);
      if (ipState.consumed > config.LINK_EMAILS_PER_IP_PER_HOUR) return { ok: false, until: new Date(now() + ipState.msBeforeReset) };
      const addressState = await perAddress.hit(`${firmId}:${email}`);
      if (addressState.consumed > config.LINK_EMAILS_PER_ADDRESS_PER_HOUR) return { ok: false, until: new Date(now() + addressState.msBeforeReset) };
      return { ok: true };
    },
  };
}
