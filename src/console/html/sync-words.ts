import type { PsaRecordFields } from "../../../connectors/types";
import type { OpenFlag } from "../../psa/use-cases/sync-overview";

/** The Sync page's words for the sync's codes: run statuses, triggers, errors, archive reasons and mismatch kinds. */

export const runStatusWords: Record<string, string> = { running: "Running", succeeded: "Finished", failed: "Failed", held_for_review: "Held for review" };

export function triggerWords(trigger: string, requestedBy: string | null): string {
  switch (trigger) {
    case "staff":
      return `Run now by ${requestedBy ?? "staff"}`;
    case "cli":
      return "From the command line";
    case "webhook":
      return "After a PSA webhook";
    default:
      return "On schedule";
  }
}

export function runErrorWords(code: string | null, message: string | null): string {
  switch (code) {
    case null:
      return "";
    case "interrupted":
      return "Stopped before it finished (the gateway stopped or restarted). The next run carries on from where it stopped; no access changed.";
    case "psa_empty":
      return `${message ?? "The PSA answered with nothing."} An empty answer is treated as a fault, not as every client leaving: check the PSA account's permissions.`;
    case "internal_error":
      return "Something went wrong on our side; no access changed and the next run tries again.";
    default:
      return `${message ?? code} No access changed; the next run carries on from where this one stopped.`;
  }
}

const field = (fields: PsaRecordFields | null, name: keyof PsaRecordFields) => (fields ? fields[name] : "the PSA record");

/** Why a held run would turn an account off, from its evidence (which PSA record said so). */
export function archiveReasonWords(evidence: unknown, fields: PsaRecordFields | null): string {
  const e = (evidence ?? {}) as { reason?: string; contactExternalId?: string; companyExternalId?: string };
  switch (e.reason) {
    case "contact_gone":
      return `contact ${e.contactExternalId} is no longer in the PSA`;
    case "contact_inactive":
      return `contact ${e.contactExternalId} is inactive (${field(fields, "contactActive")})`;
    case "company_inactive":
      return `company ${e.companyExternalId} is inactive (${field(fields, "companyActive")})`;
    case "company_gone":
      return `company ${e.companyExternalId} is no longer in the PSA`;
    default:
      return "the PSA archived the client";
  }
}

/** One way to fix a flag: invite the PSA's address instead (a button), or a change to make in the PSA (words). */
export type Fix = { kind: "reinvite"; email: string } | { kind: "edit_psa"; words: string };

interface MismatchFacts {
  psaEmail?: string | null;
  contact?: { externalId: string; name: string } | null;
  typoIn?: "account" | "psa" | null;
}

/** A flagged account's mismatch in words: what differs, and the fixes the support articles describe. */
export function mismatchWords(flag: OpenFlag, fields: PsaRecordFields | null): { cause: string; fixes: Fix[] } {
  const facts = (flag.evidence ?? {}) as MismatchFacts;
  const psa = facts.psaEmail ?? flag.suggestedEmail ?? "";
  const who = facts.contact ? `${facts.contact.name || "the contact"} (contact ${facts.contact.externalId})` : "the client's contact";
  const emails = field(fields, "contactEmails");
  const reinvite: Fix = { kind: "reinvite", email: psa };
  const addToPsa: Fix = { kind: "edit_psa", words: `Or add ${flag.email} to ${emails} of ${who} in the PSA; the next sync links the account.` };
  switch (flag.kind) {
    case "case_whitespace":
      return { cause: `The PSA has "${psa}" on ${who}: the same address with a space or an invisible character in it.`, fixes: [{ kind: "edit_psa", words: `Correct it to ${flag.email} in ${emails} in the PSA; the next sync links the account.` }] };
    case "plus_alias":
      return { cause: `${flag.email} and the PSA's ${psa} (${who}) differ only by a +tag.`, fixes: [reinvite, addToPsa] };
    case "provider_dots":
      return { cause: `Gmail ignores dots, so ${flag.email} and the PSA's ${psa} (${who}) reach one mailbox, but the PSA knows only ${psa}.`, fixes: [reinvite, addToPsa] };
    case "typo_domain":
      if (facts.typoIn === "psa") return { cause: `The PSA has ${psa} on ${who}, which looks like a typo of ${flag.email}.`, fixes: [{ kind: "edit_psa", words: `Correct it to ${flag.email} in ${emails} in the PSA.` }] };
      return { cause: `${flag.email} looks like a typo of ${psa}${facts.contact ? `, the address of ${who}` : ""}.`, fixes: [reinvite, ...(facts.contact ? [] : [{ kind: "edit_psa" as const, words: `No PSA contact has ${psa} yet: add it to ${emails} of the client's contact.` }])] };
    case "same_person":
      return { cause: `The PSA has ${who} as ${psa}: by the name, the same person.`, fixes: [reinvite, addToPsa] };
    case "similar_address":
      return { cause: `The PSA has ${psa} (${who}), which looks like the same person.`, fixes: [reinvite, addToPsa] };
    default:
      return { cause: `${flag.email} matches no contact in the PSA, and no contact looks close.`, fixes: [{ kind: "edit_psa", words: `Add ${flag.email} to ${emails} of the client's contact in the PSA (or create the contact); the next sync links the account.` }] };
  }
}

interface AmbiguousFacts {
  contacts?: Array<{ externalId: string; name: string; companies: Array<{ name: string }> }>;
}

/** An account the PSA scopes to several contacts or companies. */
export function ambiguousWords(flag: OpenFlag, fields: PsaRecordFields | null): { cause: string; fix: string } {
  const contacts = ((flag.evidence ?? {}) as AmbiguousFacts).contacts ?? [];
  const list = contacts.map((c) => `${c.name || "contact"} (contact ${c.externalId}: ${c.companies.map((co) => co.name).join(", ") || "no company"})`).join("; ");
  const cause = contacts.length > 1 ? `${flag.email} is on ${contacts.length} contacts: ${list}.` : `${flag.email} is on a contact in several companies: ${list}.`;
  return {
    cause,
    fix: `The client chooses among these companies on the portal. If they should see only one, remove ${flag.email} from the other contacts' ${field(fields, "contactEmails")}, or change ${field(fields, "contactCompany")}; if all are meant, dismiss this flag.`,
  };
}

/** A moment on the Sync page, which states its times in UTC like the schedule it shows: "2026-12-04 15:00". */
export const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

export const since = (date: Date) => `since ${when(date)} UTC`;
