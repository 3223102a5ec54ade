import { staffExplanation } from "../access-problems/access-problem-words";
import type { AccessProblem } from "../access-problems/flag-access-problem";
import { signInReasons } from "../sign-in/sign-in-reasons";
import type { ClientAccessDiagnosis } from "./use-cases/diagnose-client-access";

/**
 * The Access Doctor's answer as the admin API and the CLI give it (the console page lays out the same diagnosis
 * itself): one verdict, the evidence behind it, and the fixes in the order to try them. Dates are ISO strings;
 * nothing secret (no password hash, no token, no PSA key) is in it.
 */
export type Verdict = "ok" | "no_account" | "not_claimed" | "access_off" | "locked" | "psa_problem" | "psa_not_connected" | "psa_not_answering";

export interface DiagnosisReport {
  email: string;
  verdict: Verdict;
  /** The verdict in one sentence for staff. */
  summary: string;
  fixes: string[];
  account: { id: string; status: string; statusReason: string | null; statusChangedBy: string | null; emailConfirmed: boolean; lastSignInAt: string | null } | null;
  lockedUntil: string | null;
  psa:
    | { kind: "not_connected" | "not_answering"; message: string | null }
    | { kind: "works"; companies: string[]; asOf: string; stale: boolean }
    | { kind: "problem"; problem: AccessProblem; cause: string; fix: string; suggestedEmail: string | null };
  template: { name: string; source: "firm" | "company" | "account" } | null;
  /** The latest sign-in attempts with the address, newest first. */
  events: Array<{ at: string; reason: string; meaning: string; ip: string | null }>;
}

const summaries: Record<Verdict, (email: string) => string> = {
  ok: (email) => `${email} can sign in and sees their company's projects.`,
  no_account: (email) => `${email} has no portal account here.`,
  not_claimed: (email) => `${email} was invited but never set a password.`,
  access_off: (email) => `${email}'s access is turned off.`,
  locked: (email) => `Signing in as ${email} is paused after repeated wrong passwords.`,
  psa_problem: (email) => `${email} can sign in but sees no projects: the PSA does not link the address to an active company.`,
  psa_not_connected: () => "No PSA is connected to this portal, so no client sees projects.",
  psa_not_answering: () => "The PSA is not answering right now, so what the client sees cannot be checked.",
};

function psaOf(d: ClientAccessDiagnosis): DiagnosisReport["psa"] {
  switch (d.psa.kind) {
    case "not_connected":
      return { kind: "not_connected", message: null };
    case "not_answering":
      return { kind: "not_answering", message: d.psa.message };
    case "works":
      return { kind: "works", companies: d.psa.companies, asOf: d.psa.asOf.toISOString(), stale: d.psa.stale };
    case "problem": {
      const words = staffExplanation(d.psa.problem, { email: d.email, suggestedEmail: d.psa.suggestedEmail, detail: d.psa.detail });
      return { kind: "problem", problem: d.psa.problem, cause: `${d.email} ${words.cause}`, fix: words.fix, suggestedEmail: d.psa.suggestedEmail };
    }
  }
}

/** Every problem found, most blocking first, each with its fix. */
function findings(d: ClientAccessDiagnosis, psa: DiagnosisReport["psa"]): Array<[Verdict, string]> {
  const found: Array<[Verdict, string]> = [];
  const account = d.account;
  if (!account) found.push(["no_account", "Invite the address (it gets a link to set a password), after checking it is the one the PSA knows."]);
  else if (account.status === "disabled") found.push(["access_off", `Access was turned off${account.statusChangedBy ? ` by ${account.statusChangedBy}` : ""}${account.statusReason ? ` (${account.statusReason})` : ""}: turn it back on if that was a mistake.`]);
  else if (account.status === "invited") found.push(["not_claimed", "Send the invite again, or a link to hand over if their mail filter eats the emails."]);
  if (d.lockedUntil) found.push(["locked", `Unlock sign-in, or they wait until ${d.lockedUntil.toISOString()}.`]);
  if (psa.kind === "problem") found.push(["psa_problem", psa.fix]);
  if (psa.kind === "not_connected") found.push(["psa_not_connected", "Connect the firm's PSA on the console's PSA page."]);
  if (psa.kind === "not_answering") found.push(["psa_not_answering", "Check the PSA connection on the console's PSA page, then check again."]);
  return found;
}

export function diagnosisReport(d: ClientAccessDiagnosis): DiagnosisReport {
  const psa = psaOf(d);
  const found = findings(d, psa);
  const verdict = found[0]?.[0] ?? "ok";
  const account = d.account;
  return {
    email: d.email,
    verdict,
    summary: summaries[verdict](d.email),
    fixes: found.map(([, fix]) => fix),
    account: account
      ? { id: account.id, status: account.status, statusReason: account.statusReason, statusChangedBy: account.statusChangedBy, emailConfirmed: !!account.emailConfirmedAt, lastSignInAt: account.lastSignInAt?.toISOString() ?? null }
      : null,
    lockedUntil: d.lockedUntil?.toISOString() ?? null,
    psa,
    template: d.template ? { name: d.template.effective.template, source: d.template.effective.source } : null,
    events: d.events.map((event) => ({
      at: event.at.toISOString(),
      reason: event.reason,
      meaning: event.reason in signInReasons ? signInReasons[event.reason as keyof typeof signInReasons] : event.reason,
      ip: event.ip,
    })),
  };
}
