import type { Firm } from "../../generated/prisma/client";
import { firmPresentation } from "../../../config/firm-settings";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { publicBaseUrl } from "../../platform/http/public-url";
import type { Actor } from "../../accounts/actor";
import { clientOfFirm } from "../client-of-firm";
import { diagnoseClientAccess } from "./diagnose-client-access";
import type { DiagnoseDeps, PsaVerdict } from "./diagnose-client-access";

/**
 * One client's support bundle: what a ticket needs about "why can't this client sign in?", in one JSON document.
 * Every field is picked here by name (never a row spread whole), so no password hash, token hash, session, date
 * of birth, connector setting or email body can reach it. Times are ISO 8601 UTC.
 */
export interface SupportBundle {
  generatedAt: string;
  generatedBy: string;
  firm: { name: string; slug: string; portalUrl: string; psa: string | null; timeZone: string };
  address: string;
  account: {
    status: string;
    statusReason: string | null;
    statusChangedBy: string | null;
    statusChangedAt: string | null;
    createdAt: string;
    emailConfirmed: boolean;
    hasPassword: boolean;
    lastSignInAt: string | null;
    lockedUntil: string | null;
    identityCheckAnswerOnFile: boolean;
  };
  psa: PsaVerdict | { kind: "works"; companies: string[]; asOf: string; stale: boolean };
  template: { name: string; from: string; company: string | null } | null;
  openProblems: Array<{ kind: string; since: string; detail: string | null }>;
  signInAttempts: Array<{ at: string; reason: string; ip: string | null; userAgent: string | null; detail: string | null }>;
  links: Array<{ kind: string; createdAt: string; expiresAt: string; state: string }>;
  emails: Array<{ kind: string; createdAt: string; status: string; attempts: number; error: string | null }>;
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const linkState = (link: { usedAt: Date | null; revokedAt: Date | null; supersededAt: Date | null; lockedAt: Date | null; expiresAt: Date }, now: Date) =>
  link.usedAt ? "used" : link.revokedAt ? "revoked" : link.supersededAt ? "replaced by a newer link" : link.lockedAt ? "locked" : link.expiresAt <= now ? "expired" : "open";

export async function buildSupportBundle(
  deps: DiagnoseDeps,
  input: { firm: Firm; actor: Actor; accountId: string; now?: Date },
): Promise<Result<SupportBundle, Failure<"client_not_found">>> {
  const { firm } = input;
  const { db } = deps;
  const now = input.now ?? new Date();
  const found = await clientOfFirm(db, firm.id, input.accountId);
  if (!found.ok) return fail("client_not_found");
  const account = found.value;
  const [diagnosis, flags, mismatches, links, emails] = await Promise.all([
    diagnoseClientAccess(deps, { firm, email: account.email }),
    db.accessFlag.findMany({ where: { firmId: firm.id, portalAccountId: account.id, status: "open" }, orderBy: { firstSeenAt: "desc" }, take: 20 }),
    db.emailMismatch.findMany({ where: { firmId: firm.id, portalAccountId: account.id, status: "open" }, orderBy: { firstSeenAt: "desc" }, take: 20 }),
    db.accessLink.findMany({ where: { firmId: firm.id, portalAccountId: account.id }, orderBy: { createdAt: "desc" }, take: 10 }),
    db.outboxEmail.findMany({ where: { firmId: firm.id, toAddress: account.email }, orderBy: { createdAt: "desc" }, take: 10, select: { kind: true, createdAt: true, status: true, attempts: true, lastError: true } }),
  ]);
  const { psa } = diagnosis;
  return ok({
    generatedAt: now.toISOString(),
    generatedBy: input.actor.label,
    firm: { name: firm.name, slug: firm.slug, portalUrl: `${publicBaseUrl(deps.config)}/portal/${firm.slug}/`, psa: firm.connectorKind, timeZone: firmPresentation(firm.settings).timeZone },
    address: account.email,
    account: {
      status: account.status,
      statusReason: account.statusReason,
      statusChangedBy: account.statusChangedBy,
      statusChangedAt: iso(account.statusChangedAt),
      createdAt: account.createdAt.toISOString(),
      emailConfirmed: account.emailConfirmedAt !== null,
      hasPassword: account.passwordHash !== null,
      lastSignInAt: iso(account.lastSignInAt),
      lockedUntil: iso(diagnosis.lockedUntil),
      identityCheckAnswerOnFile: account.dateOfBirth !== null,
    },
    psa: psa.kind === "works" ? { ...psa, asOf: psa.asOf.toISOString() } : psa,
    template: diagnosis.template ? { name: diagnosis.template.effective.template, from: diagnosis.template.effective.source, company: diagnosis.template.companyName } : null,
    openProblems: [
      ...flags.map((flag) => ({ kind: flag.kind, since: flag.firstSeenAt.toISOString(), detail: flag.detail })),
      ...mismatches.map((m) => ({ kind: "no_contact", since: m.firstSeenAt.toISOString(), detail: m.suggestedEmail ? `the PSA has ${m.suggestedEmail}` : null })),
    ],
    signInAttempts: diagnosis.events.map((e) => ({ at: e.at.toISOString(), reason: e.reason, ip: e.ip, userAgent: e.userAgent, detail: e.detail })),
    links: links.map((link) => ({ kind: link.kind, createdAt: link.createdAt.toISOString(), expiresAt: link.expiresAt.toISOString(), state: linkState(link, now) })),
    emails: emails.map((email) => ({ kind: email.kind, createdAt: email.createdAt.toISOString(), status: email.status, attempts: email.attempts, error: email.lastError })),
  });
}
