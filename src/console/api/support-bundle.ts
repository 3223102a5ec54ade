import { z } from "zod";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";
import { buildSupportBundle } from "../use-cases/support-bundle";
import { accountIdParams } from "./client-views";

const when = z.iso.datetime();

/** The support bundle (console/use-cases/support-bundle.ts) as the document describes it: no secret in any field. */
const supportBundleView = z.object({
  generatedAt: when,
  generatedBy: z.string(),
  firm: z.object({ name: z.string(), slug: z.string(), portalUrl: z.string(), psa: z.string().nullable(), timeZone: z.string() }),
  address: z.string(),
  account: z.object({
    status: z.string(),
    statusReason: z.string().nullable(),
    statusChangedBy: z.string().nullable(),
    statusChangedAt: when.nullable(),
    createdAt: when,
    emailConfirmed: z.boolean(),
    hasPassword: z.boolean(),
    lastSignInAt: when.nullable(),
    lockedUntil: when.nullable(),
    identityCheckAnswerOnFile: z.boolean().describe("whether a date of birth is on file (never the date)"),
  }),
  psa: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("not_connected") }),
    z.object({ kind: z.literal("not_answering"), message: z.string() }),
    z.object({ kind: z.literal("works"), companies: z.array(z.string()), asOf: when, stale: z.boolean() }),
    z.object({ kind: z.literal("problem"), problem: z.string().describe("no_contact, no_company, contact_inactive or company_inactive"), suggestedEmail: z.string().nullable(), detail: z.string().nullable() }),
  ]),
  template: z.object({ name: z.string(), from: z.string(), company: z.string().nullable() }).nullable(),
  openProblems: z.array(z.object({ kind: z.string(), since: when, detail: z.string().nullable() })),
  signInAttempts: z.array(z.object({ at: when, reason: z.string(), ip: z.string().nullable(), userAgent: z.string().nullable(), detail: z.string().nullable() })),
  links: z.array(z.object({ kind: z.string(), createdAt: when, expiresAt: when, state: z.string() })),
  emails: z.array(z.object({ kind: z.string(), createdAt: when, status: z.string(), attempts: z.number().int(), error: z.string().nullable() })),
});

/** GET /api/admin/v1/clients/{accountId}/support-bundle: the JSON the console's client page downloads, to attach to a ticket. */
export const supportBundleEndpoint = defineAdminEndpoint({
  method: "get",
  path: "/clients/{accountId}/support-bundle",
  tag: "clients",
  summary: "One client's support bundle: the firm, the address, the account, what the PSA says now, the template, recent attempts, links and emails; no secrets",
  roles: "owners, admins and support",
  params: accountIdParams,
  response: supportBundleView,
  errors: ["client_not_found"],
  async handle(deps: DiagnoseDeps, { caller, params }) {
    const bundle = await buildSupportBundle(deps, { firm: caller.firm, actor: actorOf(caller), accountId: params.accountId });
    return bundle.ok ? answer(bundle.value) : refuse(bundle.error.code);
  },
});
