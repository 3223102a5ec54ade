/** A contact an account is linked to, as the snapshot has it, with the companies it names that the snapshot knows. */
export interface LinkedContact {
  contactExternalId: string;
  active: boolean;
  /** Absent from a complete full run (archived in the snapshot). */
  gone: boolean;
  /** The company ids the contact names (some may be unknown to the snapshot). */
  companyIds: string[];
  companies: Array<{ externalId: string; name: string; active: boolean; gone: boolean }>;
  /** Whether the contact, one of its companies, or the link itself changed since the last reconciled pass. */
  recent: boolean;
}

export type ArchiveReason = "contact_gone" | "contact_inactive" | "company_inactive" | "company_gone";

/** What a psa_archived disable rests on: which PSA record said so. The run's id is added where it is stored. */
export interface ArchiveEvidence {
  reason: ArchiveReason;
  contactExternalId: string;
  companyExternalId?: string;
}

/**
 * Whether the PSA still lets the account in: "ok" with an active contact in an active company; "archived" when
 * every linked contact is gone or inactive, or every one of its companies is (the first such record is the
 * evidence); "unclear" otherwise (no contact, a contact without a company, a company the PSA did not list), which
 * is a problem to flag, never a reason to turn access off.
 */
export function standingOf(contacts: readonly LinkedContact[]): { kind: "ok" } | { kind: "archived"; evidence: ArchiveEvidence } | { kind: "unclear" } {
  if (contacts.length === 0) return { kind: "unclear" };
  let evidence: ArchiveEvidence | null = null;
  let unclear = false;
  for (const contact of contacts) {
    const own = { contactExternalId: contact.contactExternalId };
    if (contact.gone) evidence ??= { reason: "contact_gone", ...own };
    else if (!contact.active) evidence ??= { reason: "contact_inactive", ...own };
    else {
      if (contact.companies.some((company) => company.active && !company.gone)) return { kind: "ok" };
      const known = new Set(contact.companies.map((company) => company.externalId));
      if (contact.companyIds.length === 0 || contact.companyIds.some((id) => !known.has(id))) unclear = true;
      else {
        const first = contact.companies[0];
        if (first) evidence ??= { reason: first.gone ? "company_gone" : "company_inactive", ...own, companyExternalId: first.externalId };
      }
    }
  }
  return evidence && !unclear ? { kind: "archived", evidence } : { kind: "unclear" };
}
