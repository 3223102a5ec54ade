import type { Db } from "../../platform/db/prisma";
import { ANALYZE_AFTER_ROWS, refreshStatistics } from "./snapshot-writer";
import type { LinkedContact } from "./account-standing";

export interface LinkScope {
  firmId: string;
  connectorKind: string;
}

/**
 * Links every portal account of the firm to each snapshot contact holding its email, among all of the contact's
 * emails (archived contacts too: a contact that went away still says whose account it was); drops links whose
 * email left the contact, and links to another connector's contacts. Returns how many accounts gained their
 * first link. One statement; PortalAccount.email and the contacts' emails are both normalizeEmail()'d.
 * The contacts' emails are unnested and hash-joined to the accounts by equality: one pass over each side,
 * whatever the table statistics say (an `emails @> ARRAY[email]` probe per account took 48 s for 10,000
 * accounts right after a first run, before PostgreSQL had analysed the new rows; bench/sync.ts).
 */
export async function refreshAccountLinks(db: Db, scope: LinkScope): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ linked: number }>>(
    `WITH matches AS (
       SELECT DISTINCT a.id AS "accountId", c."externalId" AS "contactId"
       FROM "PsaContactSnapshot" c
       CROSS JOIN LATERAL unnest(c.emails) AS e(email)
       JOIN "PortalAccount" a ON a."firmId" = c."firmId" AND a.email = e.email
       WHERE c."firmId" = $1::uuid AND c."connectorKind" = $2
     ),
     inserted AS (
       INSERT INTO "PsaAccountLink" ("firmId", "portalAccountId", "connectorKind", "contactExternalId", "linkedAt")
       SELECT $1::uuid, m."accountId", $2, m."contactId", (now() AT TIME ZONE 'UTC') FROM matches m
       ON CONFLICT DO NOTHING
       RETURNING "portalAccountId"
     ),
     removed AS (
       DELETE FROM "PsaAccountLink" l
       WHERE l."firmId" = $1::uuid
         AND NOT EXISTS (SELECT 1 FROM matches m WHERE l."connectorKind" = $2 AND m."accountId" = l."portalAccountId" AND m."contactId" = l."contactExternalId")
       RETURNING 1
     )
     SELECT count(DISTINCT i."portalAccountId")::int AS linked FROM inserted i
     WHERE NOT EXISTS (SELECT 1 FROM "PsaAccountLink" before WHERE before."portalAccountId" = i."portalAccountId" AND before."connectorKind" = $2)`,
    scope.firmId,
    scope.connectorKind,
  );
  const linked = rows[0]?.linked ?? 0;
  if (linked >= ANALYZE_AFTER_ROWS) await refreshStatistics(db, ["PsaAccountLink"]);
  return linked;
}

interface LinkedRow {
  accountId: string;
  contactExternalId: string;
  active: boolean;
  gone: boolean;
  companyIds: string[];
  companies: LinkedContact["companies"];
  recent: boolean;
}

/**
 * The linked contacts of these accounts, each with the companies it names that the snapshot knows. `recent` says
 * whether the contact, one of its companies or the link changed since `since` (null: everything counts as recent).
 */
export async function linkedContactsOf(db: Db, scope: LinkScope, accountIds: readonly string[], since: Date | null): Promise<Map<string, LinkedContact[]>> {
  const byAccount = new Map<string, LinkedContact[]>();
  if (accountIds.length === 0) return byAccount;
  const sinceUtc = `($4::timestamptz AT TIME ZONE 'UTC')`;
  const rows = await db.$queryRawUnsafe<LinkedRow[]>(
    `SELECT l."portalAccountId"::text AS "accountId", c."externalId" AS "contactExternalId", c.active, (c."archivedAt" IS NOT NULL) AS gone,
            c."companyExternalIds" AS "companyIds",
            COALESCE(co.companies, '[]'::json) AS companies,
            ($4::text IS NULL OR l."linkedAt" >= ${sinceUtc} OR c."changedAt" >= ${sinceUtc} OR COALESCE(co."lastChange" >= ${sinceUtc}, false)) AS recent
     FROM "PsaAccountLink" l
     JOIN "PsaContactSnapshot" c ON c."firmId" = l."firmId" AND c."connectorKind" = l."connectorKind" AND c."externalId" = l."contactExternalId"
     LEFT JOIN LATERAL (
       SELECT json_agg(json_build_object('externalId', s."externalId", 'name', s.name, 'active', s.active, 'gone', s."archivedAt" IS NOT NULL) ORDER BY s.name) AS companies,
              max(s."changedAt") AS "lastChange"
       FROM "PsaCompanySnapshot" s
       WHERE s."firmId" = c."firmId" AND s."connectorKind" = c."connectorKind" AND s."externalId" = ANY(c."companyExternalIds")
     ) co ON true
     WHERE l."firmId" = $1::uuid AND l."connectorKind" = $2 AND l."portalAccountId" = ANY($3::uuid[])
     ORDER BY l."portalAccountId", c."externalId"`,
    scope.firmId,
    scope.connectorKind,
    accountIds,
    since ? since.toISOString() : null,
  );
  for (const row of rows) {
    const { accountId, ...contact } = row;
    const list = byAccount.get(accountId) ?? [];
    list.push(contact);
    byAccount.set(accountId, list);
  }
  return byAccount;
}
