import type { Config } from "../../config";
import type { Db } from "../platform/db/prisma";
import { firstDomain, linkUrl } from "./link-url";
import { rotateLinkToken } from "./rotate-link-token";

/**
 * What the mail delivery asks when an email carries a link: a fresh token for the still-open link, as the URL
 * the client opens; null when the link was replaced, used or expired meanwhile (the email is then cancelled).
 */
export function mintDeliveryLink(db: Db, config: Config) {
  return async (accessLinkId: string, now: Date): Promise<string | null> => {
    const accessLink = await db.accessLink.findUnique({ where: { id: accessLinkId }, include: { firm: { select: { slug: true, domains: firstDomain } } } });
    const token = accessLink ? await rotateLinkToken(db, accessLink.id, now) : null;
    return accessLink && token ? linkUrl(config, accessLink.firm, accessLink.kind, token) : null;
  };
}
