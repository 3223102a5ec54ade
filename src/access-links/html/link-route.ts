import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import type { Tenant } from "../../platform/http/request-state";
import type { HeldLink } from "../find-link";
import { findLink } from "../find-link";
import type { LinkKindInfo } from "../link-kinds";
import { kindsForPath } from "../link-kinds";
import { sendDeadLink } from "./dead-link";

export interface LinkRouteDeps {
  db: Db;
  config: Config;
  kickMail(): void;
  now?: () => Date;
}

export interface LiveLinkContext {
  req: Request;
  res: Response;
  tenant: Tenant;
  link: HeldLink;
  token: string;
  /** The link's own page URL (what its form posts back to). */
  action: string;
  now: Date;
}

/**
 * The common part of every /{claim|reset|magic|confirm}/{token} handler: look the link up for this firm and
 * this URL, answer a dead link with its own page, and hand a live one to `handle`. Pages carrying a token are
 * never cached (Cache-Control: no-store) and helmet already sends Referrer-Policy: no-referrer.
 */
export function withLiveLink(deps: LinkRouteDeps, path: LinkKindInfo["path"], handle: (ctx: LiveLinkContext) => Promise<void> | void): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const tenant = req.tenant as Tenant;
      const token = String(req.params.token ?? "");
      const now = deps.now?.() ?? new Date();
      res.set("Cache-Control", "no-store");
      const lookup = await findLink(deps.db, tenant.firm.id, token, kindsForPath(path), now);
      if (lookup.state !== "live") return await sendDeadLink(deps.db, deps.config, req, res, lookup, token);
      await handle({ req, res, tenant, link: lookup.link, token, action: `${tenant.basePath}/${path}/${token}`, now });
    } catch (error) {
      next(error);
    }
  };
}

/** A form field as a string ("" when absent or not a string). */
export function formField(req: Request, name: string): string {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}
