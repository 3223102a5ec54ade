import { z } from "zod";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { firmForCommand } from "../../firms/find-firm";
import { diagnosisReport } from "../diagnosis-report";
import type { DiagnosisReport } from "../diagnosis-report";
import { diagnoseClientAccess, lookupAddress } from "../use-cases/diagnose-client-access";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";

function psaLine(psa: DiagnosisReport["psa"]): string {
  switch (psa.kind) {
    case "works":
      return `a contact of ${psa.companies.join(", ")}${psa.stale ? ` (as of ${psa.asOf}: the PSA is not answering now)` : ""}`;
    case "problem":
      return psa.cause;
    case "not_connected":
      return "no PSA connected";
    case "not_answering":
      return `not answering (${psa.message ?? "no answer"})`;
  }
}

function lines(report: DiagnosisReport): string[] {
  const account = report.account;
  return [
    report.summary,
    "",
    `account:  ${account ? `${account.status}${account.statusReason ? ` (${account.statusReason})` : ""}, email ${account.emailConfirmed ? "confirmed" : "not confirmed"}, last sign-in ${account.lastSignInAt ?? "never"}` : "none"}`,
    `sign-in:  ${report.lockedUntil ? `paused until ${report.lockedUntil}` : "not locked"}`,
    `PSA:      ${psaLine(report.psa)}`,
    `template: ${report.template ? `${report.template.name} (from the ${report.template.source})` : "none (no account)"}`,
    ...(report.fixes.length ? ["", "To fix:", ...report.fixes.map((fix, index) => `  ${index + 1}. ${fix}`)] : []),
    ...(report.events.length ? ["", "Latest sign-in attempts:", ...report.events.map((event) => `  ${event.at}  ${event.reason}: ${event.meaning}`)] : []),
  ];
}

/** `doctor --firm SLUG --email EMAIL`: why a client cannot sign in or sees no projects (the console's Access Doctor). */
export const doctor = defineCommand({
  name: ["doctor"],
  summary: "why can't this client sign in, or see projects? the verdict, the evidence and the fixes",
  options: [
    { flags: "--firm <slug>", description: "the firm's slug", required: true },
    { flags: "--email <email>", description: "the address the client signs in with", required: true },
  ],
  help: "Asks the firm's PSA now, as the console's client page does. Exit 0 whatever the verdict; read `verdict` with --json.",
  input: z.object({ firm: z.string(), email: z.string() }),
  async run(deps: DiagnoseDeps, input) {
    const firm = await firmForCommand(deps.db, input.firm);
    if (!firm.ok) return firm.error;
    const email = lookupAddress(input.email);
    if (!email.ok) return failed("email_invalid", `"${email.error.typed}" is not an email address.`);
    const report = diagnosisReport(await diagnoseClientAccess(deps, { firm: firm.value, email: email.value }));
    return done(lines(report), report);
  },
});
