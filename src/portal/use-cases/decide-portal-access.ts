import type { Firm, PortalAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { KeyValueStore } from "../../platform/kv/store";
import { closeAccessProblems, flagAccessProblem } from "../../access-problems/flag-access-problem";
import type { AccessProblem } from "../../access-problems/flag-access-problem";
import type { FirmDirectory } from "../../firms/firm-directory";
import type { CompanyRef } from "../company-answers";
import { companiesForEmail } from "../company-for-email";
import type { CompanyResolver } from "../company-resolver";
import { templateForAccount } from "../portal-template";
import type { EffectiveTemplate } from "../portal-template";

/** What a signed-in client may see on this page load, decided once per request from the PSA's answer. */
export type PortalAccess =
  | { kind: "ready"; company: CompanyRef; companies: CompanyRef[]; template: EffectiveTemplate; asOf: Date; stale: boolean }
  | { kind: "problem"; problem: AccessProblem; asOf: Date; stale: boolean }
  | { kind: "unavailable" }
  | { kind: "not_connected" };

export interface DecideAccessDeps {
  db: Db;
  store: KeyValueStore;
  resolver: CompanyResolver;
  directory: FirmDirectory;
  /**
   * Accounts whose open flags were closed lately: a working page load costs one flag write per account per
   * ten minutes, not one per load. A flag raised here drops the account from it at once.
   */
  recentlyClear: { has(accountId: string): boolean; set(accountId: string, value: true): unknown; delete(accountId: string): unknown };
}

/**
 * Company resolution for one page load, then the template for the chosen company. The company a client picked
 * in the switcher (`chosenCompany`, from the session) is re-checked against the PSA's answer every time: a company
 * id from the client is never trusted; without a choice, the company of the client's own email domain comes first.
 * A problem raises the admins' flag; a working answer closes the open ones. Staff previewing a client's portal
 * (`observeOnly`) change neither.
 */
export async function decidePortalAccess(deps: DecideAccessDeps, input: { firm: Firm; account: PortalAccount; chosenCompany?: string; observeOnly?: boolean }): Promise<PortalAccess> {
  const { firm, account } = input;
  const lookup = await deps.resolver.resolveAccess(firm, account.email);
  // A firm that has not set up its PSA is not an outage: say so plainly instead of "try again".
  if (!lookup.ok) return lookup.error.code === "psa_misconfigured" ? { kind: "not_connected" } : { kind: "unavailable" };
  const answer = lookup.value;
  if (answer.status !== "ok") {
    if (input.observeOnly) return { kind: "problem", problem: answer.status, asOf: lookup.asOf, stale: lookup.stale };
    deps.recentlyClear.delete(account.id);
    await flagAccessProblem(deps.db, deps.store, firm, account, answer.status, "companies" in answer ? answer.companies.map((c) => c.name).join(", ") : undefined);
    return { kind: "problem", problem: answer.status, asOf: lookup.asOf, stale: lookup.stale };
  }
  if (!lookup.stale && !input.observeOnly && !deps.recentlyClear.has(account.id)) {
    await closeAccessProblems(deps.db, deps.store, firm.id, account.id);
    deps.recentlyClear.set(account.id, true);
  }
  const companies = companiesForEmail(account.email, answer.companies);
  const chosen = companies.find((c) => c.externalId === input.chosenCompany) ?? companies[0];
  if (!chosen) return { kind: "problem", problem: "no_company", asOf: lookup.asOf, stale: lookup.stale };
  const template = await templateForAccount(deps.directory, firm, account, chosen.externalId);
  return { kind: "ready", company: chosen, companies, template, asOf: lookup.asOf, stale: lookup.stale };
}
