import type { Config } from "../../../config";
import { effectiveFirmPolicy } from "../../../config/firm-settings";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import type { Firm, PortalAccount, SignInEvent } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isPlainMailbox } from "../../platform/mail/mail-headers";
import type { AccessProblem } from "../../access-problems/flag-access-problem";
import { suggestPsaEmail } from "../../access-problems/suggest-psa-email";
import type { FirmDirectory } from "../../firms/firm-directory";
import type { CompanyResolver } from "../../portal/company-resolver";
import { templateForAccount } from "../../portal/portal-template";
import { describeAccountLinks } from "../../psa/account-psa-links";
import type { AccountPsaLink } from "../../psa/account-psa-links";
import type { EffectiveTemplate } from "../../portal/portal-template";
import type { Lockout } from "../../sign-in/lockout";

export interface DiagnoseDeps {
  db: Db;
  config: Config;
  resolver: CompanyResolver;
  lockout: Lockout;
  directory: FirmDirectory;
}

/** What the PSA says about the address right now. */
export type PsaVerdict =
  | { kind: "not_connected" }
  | { kind: "not_answering"; message: string }
  | { kind: "works"; companies: string[]; asOf: Date; stale: boolean }
  | { kind: "problem"; problem: AccessProblem; suggestedEmail: string | null; detail: string | null };

/** Everything "why can't this client sign in?" knows about one address on this portal. */
export interface ClientAccessDiagnosis {
  email: string;
  account: PortalAccount | null;
  lockedUntil: Date | null;
  psa: PsaVerdict;
  /** The template the client sees and where the choice comes from ("landed on the wrong template" is a ticket too). */
  template: { effective: EffectiveTemplate; companyName: string | null } | null;
  /** The latest ten sign-in attempts with the address, newest first. */
  events: SignInEvent[];
  /** The account's PSA contacts as the last sync linked them (by email), with their companies. */
  psaLinks: AccountPsaLink[];
}

/** The address a lookup is for, normalized, or the failure that says it is not one. */
export function lookupAddress(typed: string): Result<string, Failure<"email_invalid"> & { typed: string }> {
  const email = normalizeEmail(typed);
  return isPlainMailbox(email) ? ok(email) : fail("email_invalid", { typed: typed.slice(0, 254) });
}

/** "Why can't this client sign in?": the account, the lock, the PSA's answer and the sign-in trail for one address. */
export async function diagnoseClientAccess(deps: DiagnoseDeps, input: { firm: Firm; email: string }): Promise<ClientAccessDiagnosis> {
  const { firm, email } = input;
  const account = await deps.db.portalAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  const [lock, lookup, events] = await Promise.all([
    deps.lockout.emailState(firm.id, email, effectiveFirmPolicy(firm.settings, deps.config)),
    firm.connectorKind ? deps.resolver.resolveAccess(firm, email) : null,
    deps.db.signInEvent.findMany({ where: { firmId: firm.id, emailNormalized: email, staffAccountId: null }, orderBy: { at: "desc" }, take: 10 }),
  ]);
  let psa: PsaVerdict;
  if (!lookup) psa = { kind: "not_connected" };
  else if (!lookup.ok) psa = { kind: "not_answering", message: lookup.error.message };
  else if (lookup.value.status === "ok") psa = { kind: "works", companies: lookup.value.companies.map((company) => company.name), asOf: lookup.asOf, stale: lookup.stale };
  else {
    const answer = lookup.value;
    const detail = answer.status === "company_inactive" ? answer.companies.map((company) => company.name).join(", ") : null;
    const suggestedEmail = answer.status === "no_contact" ? await suggestPsaEmail(deps.db, firm, email) : null;
    psa = { kind: "problem", problem: answer.status, suggestedEmail, detail };
  }
  let template: ClientAccessDiagnosis["template"] = null;
  if (account) {
    const company = lookup?.ok && lookup.value.status === "ok" ? lookup.value.companies[0] : undefined;
    template = { effective: await templateForAccount(deps.directory, firm, account, company?.externalId ?? null), companyName: company?.name ?? null };
  }
  const psaLinks = account ? await describeAccountLinks(deps.db, firm, account.id) : [];
  return { email, account, lockedUntil: lock.locked && lock.until ? lock.until : null, psa, template, events, psaLinks };
}
