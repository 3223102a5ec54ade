import emailSpellChecker from "@zootools/email-spell-checker";
import type { Firm } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { INVISIBLE_CHARACTERS_PATTERN, sameMailboxDomains, splitEmail, withoutTag } from "./email-variants";
import type { CandidateContact } from "./find-intended-contact";

export interface Candidates {
  contacts: CandidateContact[];
  /** Every domain the firm's live PSA contacts use. */
  domains: string[];
}

type Scope = Pick<Firm, "id" | "connectorKind">;

/** The domains the firm's live PSA contacts use (from the sync's snapshot). */
export async function knownContactDomains(db: Db, firm: Scope): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ domain: string }>>(
    `SELECT DISTINCT split_part(e, '@', 2) AS domain FROM "PsaContactSnapshot" c, unnest(c.emails) e
     WHERE c."firmId" = $1::uuid AND c."connectorKind" = $2 AND c."archivedAt" IS NULL AND c.active`,
    firm.id,
    firm.connectorKind ?? "",
  );
  return rows.map((row) => row.domain).filter(Boolean);
}

/**
 * The live PSA contacts that could be the ones these addresses were meant for, in one pass over the firm's snapshot:
 * contacts at the addresses' domains (and the domains a typo would correct them to, and Gmail's other name), with
 * the same local part at any domain (a typo on the PSA's side), or with an address holding a space or an invisible
 * character. Never the whole PSA in memory: only contacts near these addresses.
 */
export async function loadCandidates(db: Db, firm: Scope, emails: readonly string[], knownDomains?: string[]): Promise<Candidates> {
  const domains = knownDomains ?? (await knownContactDomains(db, firm));
  if (emails.length === 0 || domains.length === 0) return { contacts: [], domains };
  const near = new Set<string>();
  const locals = new Set<string>();
  for (const email of emails) {
    const parts = splitEmail(email);
    if (!parts) continue;
    for (const domain of sameMailboxDomains(parts.domain)) near.add(domain);
    locals.add(parts.local).add(withoutTag(parts.local));
    const fixed = domains.includes(parts.domain) ? null : emailSpellChecker.run({ email, domains });
    if (fixed) near.add(fixed.domain);
  }
  const rows = await db.$queryRawUnsafe<CandidateContact[]>(
    `SELECT c."externalId", c."firstName", c."lastName", c.emails, c."companyExternalIds" FROM "PsaContactSnapshot" c
     WHERE c."firmId" = $1::uuid AND c."connectorKind" = $2 AND c."archivedAt" IS NULL AND c.active
       AND EXISTS (SELECT 1 FROM unnest(c.emails) e WHERE split_part(e, '@', 2) = ANY($3::text[]) OR split_part(e, '@', 1) = ANY($4::text[]) OR e ~ $5)`,
    firm.id,
    firm.connectorKind ?? "",
    [...near],
    [...locals],
    INVISIBLE_CHARACTERS_PATTERN,
  );
  return { contacts: rows, domains };
}
