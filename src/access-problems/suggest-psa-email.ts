import type { Firm } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { findIntendedContact } from "./find-intended-contact";
import type { IntendedContact } from "./find-intended-contact";
import { loadCandidates } from "./psa-candidates";

/**
 * The PSA contact this address most likely means (find-intended-contact.ts), among the firm's live PSA contacts in
 * the sync's snapshot: "jane@acme.com" for "jane.doe@acme.com", "jane@acme.com" for "jane@acme.cmo". Null when
 * nothing is close enough to suggest.
 */
export async function findIntendedContactFor(db: Db, firm: Pick<Firm, "id" | "connectorKind">, email: string): Promise<IntendedContact | null> {
  const candidates = await loadCandidates(db, firm, [email]);
  return findIntendedContact(email, candidates.contacts, candidates.domains);
}

/** The PSA's address this one most likely means, for the console's and the invite check's "did you mean". */
export async function suggestPsaEmail(db: Db, firm: Pick<Firm, "id" | "connectorKind">, email: string): Promise<string | null> {
  return (await findIntendedContactFor(db, firm, email))?.psaEmail ?? null;
}
