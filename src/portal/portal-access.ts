import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Db } from "../platform/db/prisma";
import type { KeyValueStore } from "../platform/kv/store";
import type { CompanyResolver } from "./company-resolver";
import type { CompanyRef } from "./company-answers";
import { LRUCache } from "lru-cache";
import { closeAccessProblems, flagAccessProblem } from "../access-problems/flag-access-problem";
import type { AccessProblem } from "../access-problems/flag-access-problem";
import { templateForAccount } from "./portal-template";
import type { EffectiveTemplate } from "./portal-template";
import type { FirmDirectory } from "../firms/firm-directory";

/** What a signed-in client may see on this request, decided once per request from the PSA's answer. */
export type PortalAccess =
  | { kind: "ready"; company: CompanyRef; companies: CompanyRef[]; template: EffectiveTemplate; asOf: Date; stale: boolean }
  | { kind: "problem"; problem: AccessProblem; asOf: Date; stale: boolean }
  | { kind: "unavailable" }
  | { kind: "not_connected" };

/**
 * Company resolution on every authenticated portal request, then the template for the chosen company.
 * The company a client picked in the switcher is kept in the session but re-checked against the PSA's
 * answer every time: a company id from the client is never trusted.
 */
export function resolvePortalAccess(deps: { db: Db; store: KeyValueStore; resolver: CompanyResolver; directory: FirmDirectory }): RequestHandler {
  // Accounts whose open flags were closed lately: a working page load costs one flag write per account per
  // ten minutes, not one per load. A flag raised here drops the account from it at once.
  const recentlyClear = new LRUCache<string, true>({ max: 100_000, ttl: 10 * 60_000 });
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (req.principal?.kind !== "portalAccount") return next();
    const { account, firm } = req.principal;
    const lookup = await deps.resolver.resolveAccess(firm, account.email);
    if (!lookup.ok) {
      // A firm that has not set up its PSA is not an outage: say so plainly instead of "try again".
      req.access = lookup.error.code === "psa_misconfigured" ? { kind: "not_connected" } : { kind: "unavailable" };
      return next();
    }
    const answer = lookup.value;
    if (answer.status !== "ok") {
      recentlyClear.delete(account.id);
      await flagAccessProblem(deps.db, deps.store, firm, account, answer.status, "companies" in answer ? answer.companies.map((c) => c.name).join(", ") : undefined);
      req.access = { kind: "problem", problem: answer.status, asOf: lookup.asOf, stale: lookup.stale };
      return next();
    }
    if (!lookup.stale && !recentlyClear.has(account.id)) {
      await closeAccessProblems(deps.db, deps.store, firm.id, account.id);
      recentlyClear.set(account.id, true);
    }
    const chosen = answer.companies.find((c) => c.externalId === req.session.companyExternalId) ?? (answer.companies[0] as CompanyRef);
    const template = await templateForAccount(deps.directory, firm, account, chosen.externalId);
    req.access = { kind: "ready", company: chosen, companies: answer.companies, template, asOf: lookup.asOf, stale: lookup.stale };
    next();
  };
}
