import { z } from "zod";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { diagnosisReport } from "../diagnosis-report";
import { diagnoseClientAccess, lookupAddress } from "../use-cases/diagnose-client-access";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";

const when = z.iso.datetime();

/** The Access Doctor's report (console/diagnosis-report.ts) as the document describes it. */
const reportView = z.object({
  email: z.string(),
  verdict: z.enum(["ok", "no_account", "not_claimed", "access_off", "locked", "psa_problem", "psa_not_connected", "psa_not_answering"]),
  summary: z.string(),
  fixes: z.array(z.string()).describe("what to do, most blocking first"),
  account: z.object({ id: z.uuid(), status: z.string(), statusReason: z.string().nullable(), statusChangedBy: z.string().nullable(), emailConfirmed: z.boolean(), lastSignInAt: when.nullable() }).nullable(),
  lockedUntil: when.nullable(),
  psa: z.union([
    z.object({ kind: z.enum(["not_connected", "not_answering"]), message: z.string().nullable() }),
    z.object({ kind: z.literal("works"), companies: z.array(z.string()), asOf: when, stale: z.boolean() }),
    z.object({ kind: z.literal("problem"), problem: z.string(), cause: z.string(), fix: z.string(), suggestedEmail: z.string().nullable() }),
  ]),
  template: z.object({ name: z.string(), source: z.enum(["firm", "company", "account"]) }).nullable(),
  events: z.array(z.object({ at: when, reason: z.string(), meaning: z.string(), ip: z.string().nullable() })),
});

/** GET /api/admin/v1/doctor?email=: why a client cannot sign in or sees no projects. */
export const doctorEndpoint = defineAdminEndpoint({
  method: "get",
  path: "/doctor",
  tag: "clients",
  summary: "The Access Doctor for one address: verdict, evidence (account, lock, PSA, template, latest attempts) and fixes",
  roles: "owners, admins and support",
  query: z.object({ email: z.string().max(320) }),
  response: reportView,
  errors: ["email_invalid"],
  async handle(deps: DiagnoseDeps, { caller, query }) {
    const email = lookupAddress(query.email);
    if (!email.ok) return refuse("email_invalid", undefined, "email");
    return answer(diagnosisReport(await diagnoseClientAccess(deps, { firm: caller.firm, email: email.value })));
  },
});
