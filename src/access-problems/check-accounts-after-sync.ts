import type { Firm } from "../generated/prisma/client";
import type { Db, Prisma } from "../platform/db/prisma";
import { findIntendedContact } from "./find-intended-contact";
import { knownContactDomains, loadCandidates } from "./psa-candidates";
import { recordMismatch } from "./record-mismatch";

/** The flag of an account whose email is on several contacts, or whose contacts are in several companies. */
export const AMBIGUOUS_SCOPING = "ambiguous_scoping";
/** The page load's flags a sync run can see fixed (the identity check's lock flag is not one of them). */
const PAGE_LOAD_FLAGS = ["no_company", "contact_inactive", "company_inactive"];

const BATCH = 1000;

export interface AfterSyncCounts {
  /** Accounts flagged (mismatch or ambiguous scoping) by this run, new or still open. */
  flagged: number;
  /** Flags this run found fixed and closed. */
  closed: number;
}

type Scope = Pick<Firm, "id" | "connectorKind">;

/**
 * After each sync run, before any client signs in: every active or invited account with no PSA contact gets a
 * mismatch flag with the contact it most likely means (or none), every account whose email is on several contacts
 * or whose contacts are in several companies gets an ambiguous-scoping flag, and flags the PSA now satisfies close
 * by themselves (a dismissed one too, so it opens again should the problem come back).
 */
export async function checkAccountsAfterSync(db: Db, firm: Scope, now: Date): Promise<AfterSyncCounts> {
  const closed = await closeFixedFlags(db, firm, now);
  let flagged = 0;
  const domains = await knownContactDomains(db, firm);
  let after = "";
  for (;;) {
    const unlinked = await db.portalAccount.findMany({
      where: { firmId: firm.id, status: { in: ["active", "invited"] }, email: { gt: after }, psaLinks: { none: { connectorKind: firm.connectorKind ?? "" } } },
      orderBy: { email: "asc" },
      take: BATCH,
      select: { id: true, email: true },
    });
    if (unlinked.length === 0) break;
    after = unlinked[unlinked.length - 1]?.email ?? after;
    const candidates = await loadCandidates(db, firm, unlinked.map((account) => account.email), domains);
    for (const account of unlinked) {
      await recordMismatch(db, { firmId: firm.id, account, finding: findIntendedContact(account.email, candidates.contacts, domains), now });
      flagged += 1;
    }
  }
  flagged += await flagAmbiguousScoping(db, firm, now);
  return { flagged, closed };
}

async function closeFixedFlags(db: Db, firm: Scope, now: Date): Promise<number> {
  const kind = firm.connectorKind ?? "";
  const linked = { psaLinks: { some: { connectorKind: kind } } };
  const mismatches = await db.emailMismatch.updateMany({ where: { firmId: firm.id, status: { not: "resolved" }, portalAccount: linked }, data: { status: "resolved", resolvedAt: now } });
  // A page-load flag is fixed once the account has a live, active contact in a live, active company.
  const fixed = await db.$executeRawUnsafe(
    `UPDATE "AccessFlag" f SET status = 'resolved', "resolvedAt" = $3::timestamptz AT TIME ZONE 'UTC'
     WHERE f."firmId" = $1::uuid AND f.status <> 'resolved' AND f.kind = ANY($4::text[]) AND EXISTS (
       SELECT 1 FROM "PsaAccountLink" l
       JOIN "PsaContactSnapshot" c ON c."firmId" = l."firmId" AND c."connectorKind" = l."connectorKind" AND c."externalId" = l."contactExternalId"
       JOIN "PsaCompanySnapshot" co ON co."firmId" = c."firmId" AND co."connectorKind" = c."connectorKind" AND co."externalId" = ANY(c."companyExternalIds")
       WHERE l."portalAccountId" = f."portalAccountId" AND l."connectorKind" = $2 AND c.active AND c."archivedAt" IS NULL AND co.active AND co."archivedAt" IS NULL)`,
    firm.id,
    kind,
    now.toISOString(),
    PAGE_LOAD_FLAGS,
  );
  return mismatches.count + fixed;
}

interface AmbiguousRow {
  accountId: string;
  contacts: Array<{ externalId: string; name: string; companies: Array<{ externalId: string; name: string }> }>;
}

/** Accounts on several live contacts, or whose live active contacts name several companies: flagged; the rest closed. */
async function flagAmbiguousScoping(db: Db, firm: Scope, now: Date): Promise<number> {
  const rows = await db.$queryRawUnsafe<AmbiguousRow[]>(
    `WITH live AS (
       SELECT l."portalAccountId" AS account, c.*
       FROM "PsaAccountLink" l
       JOIN "PortalAccount" a ON a.id = l."portalAccountId" AND a.status IN ('active', 'invited')
       JOIN "PsaContactSnapshot" c ON c."firmId" = l."firmId" AND c."connectorKind" = l."connectorKind" AND c."externalId" = l."contactExternalId"
       WHERE l."firmId" = $1::uuid AND l."connectorKind" = $2 AND c.active AND c."archivedAt" IS NULL
     ),
     ambiguous AS (
       SELECT account FROM live LEFT JOIN LATERAL unnest(live."companyExternalIds") company ON true
       GROUP BY account HAVING count(DISTINCT live."externalId") > 1 OR count(DISTINCT company) > 1
     )
     SELECT live.account::text AS "accountId",
            json_agg(json_build_object('externalId', live."externalId", 'name', trim(concat_ws(' ', live."firstName", live."lastName")),
              'companies', (SELECT COALESCE(json_agg(json_build_object('externalId', co."externalId", 'name', co.name) ORDER BY co.name), '[]'::json)
                            FROM "PsaCompanySnapshot" co
                            WHERE co."firmId" = live."firmId" AND co."connectorKind" = live."connectorKind" AND co."externalId" = ANY(live."companyExternalIds")))
              ORDER BY live."externalId") AS contacts
     FROM live JOIN ambiguous USING (account) GROUP BY live.account`,
    firm.id,
    firm.connectorKind ?? "",
  );
  await db.accessFlag.updateMany({
    where: { firmId: firm.id, kind: AMBIGUOUS_SCOPING, status: { not: "resolved" }, portalAccountId: { notIn: rows.map((row) => row.accountId) } },
    data: { status: "resolved", resolvedAt: now },
  });
  for (const row of rows) {
    const where = { firmId_portalAccountId_kind: { firmId: firm.id, portalAccountId: row.accountId, kind: AMBIGUOUS_SCOPING } };
    const existing = await db.accessFlag.findUnique({ where, select: { status: true } });
    const evidence = { contacts: row.contacts } as unknown as Prisma.InputJsonObject;
    const data = { evidence, lastSeenAt: now, ...(existing?.status === "dismissed" ? {} : { status: "open" as const, resolvedAt: null }) };
    await db.accessFlag.upsert({ where, create: { firmId: firm.id, portalAccountId: row.accountId, kind: AMBIGUOUS_SCOPING, ...data }, update: data });
  }
  return rows.length;
}
