import type { Response } from "express";
import { z } from "zod";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import type { SessionVersions } from "../../accounts/session-versions";
import { readParams, text } from "../../platform/http/parse-input";
import type { Handler, PortalRequest } from "../../platform/http/portal-router";
import type { Tenant } from "../../platform/http/request-state";
import { findLink } from "../find-link";
import type { HeldLink } from "../find-link";
import type { LinkKindInfo } from "../link-kinds";
import { kindsForPath } from "../link-kinds";
import { sendDeadLink } from "./dead-link";

export interface LinkRouteDeps {
  db: Db;
  /** Using a link changes its account: the change reaches the account's sessions through these. */
  sessionVersions: SessionVersions;
  config: Config;
  kickMail(): void;
  now?: () => Date;
}

export interface LiveLinkContext {
  req: PortalRequest;
  res: Response;
  tenant: Tenant;
  link: HeldLink;
  token: string;
  /** The link's own page URL (what its form posts back to). */
  action: string;
  now: Date;
}

export const tokenParams = z.object({ token: text });

/**
 * The common part of every /{claim|reset|magic|confirm}/{token} handler: look the link up for this firm and
 * this URL, answer a dead link with its own page, and hand a live one to `handle`. Pages carrying a token are
 * never cached (Cache-Control: no-store) and helmet already sends Referrer-Policy: no-referrer.
 */
export function withLiveLink(deps: LinkRouteDeps, path: LinkKindInfo["path"], handle: (ctx: LiveLinkContext) => Promise<void> | void): Handler {
  return async (req, res) => {
    const { tenant } = req;
    const { token } = readParams(req, tokenParams);
    const now = deps.now?.() ?? new Date();
    res.set("Cache-Control", "no-store");
    const lookup = await findLink(deps.db, tenant.firm.id, token, kindsForPath(path), now);
    if (lookup.state !== "live") return sendDeadLink(deps, req, res, lookup, token);
    await handle({ req, res, tenant, link: lookup.link, token, action: `${tenant.basePath}/${path}/${token}`, now });
  };
}
