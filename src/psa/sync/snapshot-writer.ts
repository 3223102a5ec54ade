import type { Pool } from "pg";
import type { Db } from "../../platform/db/prisma";
import { companyTable, contactTable, projectTable, toRows, upsertStatement } from "./snapshot-tables";
import type { SnapshotTable } from "./snapshot-tables";
import type { SyncEntity } from "./checkpoint";

export interface PageCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export const snapshotTables = { companies: companyTable, contacts: contactTable, projects: projectTable } as const;

/** The database's clock, in UTC: every time the sync compares (a pass's start, lastSeenAt) comes from this one clock. */
export async function databaseNow(db: Db): Promise<Date> {
  const rows = await db.$queryRawUnsafe<Array<{ now: string }>>(`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS now`);
  return new Date(rows[0]?.now ?? Date.now());
}

/**
 * Rows one run must write before it refreshes the planner's statistics itself. PostgreSQL's autovacuum analyses a
 * table a minute or more after it grows, and the run goes on at once: right after a first run had written 140,000
 * snapshot rows and 10,000 account links, each 1,000-account read of the linked contacts took 5 to 12 s on
 * statistics that still said "empty" (first runs took 24 to 65 s, and 12 to 13 s with this; bench/sync.ts).
 */
export const ANALYZE_AFTER_ROWS = 1_000;

/** Refreshes the planner's statistics of these tables (ANALYZE samples a bounded number of rows, whatever the size). */
export async function refreshStatistics(db: Db, tables: readonly string[]): Promise<void> {
  await db.$executeRawUnsafe(`ANALYZE ${tables.map((table) => `"${table}"`).join(", ")}`);
}

/** A JS date as the UTC timestamp the snapshot columns hold. */
const utc = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Writes one page of the PSA's records to their snapshot table in one statement (snapshot-tables.ts), and says how
 * many were new, changed and unchanged. The statements go to the node-postgres pool Prisma runs on, not through
 * Prisma: a raw query through Prisma's query compiler copies its parameters several times over (the request, the
 * compiled plan, the driver call), and a page is a 300 KB parameter. Per first run of 140,000 records that was 80 MB
 * of garbage old enough to be promoted, a third of the run's peak heap (bench/sync.ts, sampled with the inspector).
 */
export function createSnapshotWriter(sql: Pool, scope: { firmId: string; connectorKind: string }) {
  const statements = new Map<SyncEntity, string>();
  const statementFor = <T extends { externalId: string }>(table: SnapshotTable<T>) => {
    const text = statements.get(table.entity) ?? upsertStatement(table);
    statements.set(table.entity, text);
    return text;
  };
  return {
    async writePage<T extends { externalId: string }>(table: SnapshotTable<T>, records: readonly T[]): Promise<PageCounts> {
      if (records.length === 0) return { added: 0, updated: 0, unchanged: 0 };
      const { rows } = await sql.query<PageCounts>(statementFor(table), [scope.firmId, scope.connectorKind, JSON.stringify(toRows(table, records))]);
      return rows[0] ?? { added: 0, updated: 0, unchanged: 0 };
    },

    /** Rows of `entity` a pass that began at `since` has listed (seen) so far, and rows it has not, among the live ones. */
    async seenSince(entity: SyncEntity, since: Date): Promise<{ seen: number; unseen: number }> {
      const { rows } = await sql.query<{ seen: number; unseen: number }>(
        `SELECT count(*) FILTER (WHERE "lastSeenAt" >= ${utc(3)})::int AS seen, count(*) FILTER (WHERE "lastSeenAt" < ${utc(3)} AND "archivedAt" IS NULL)::int AS unseen
         FROM "${snapshotTables[entity].table}" WHERE "firmId" = $1::uuid AND "connectorKind" = $2`,
        [scope.firmId, scope.connectorKind, since.toISOString()],
      );
      return rows[0] ?? { seen: 0, unseen: 0 };
    },

    /**
     * After a complete full pass: what it did not list is gone from the PSA. Rows are archived (kept, never
     * deleted: the accounts they linked still need the evidence), and marked changed for the accounts' review.
     */
    async archiveUnseen(entity: SyncEntity, since: Date): Promise<number> {
      const { rowCount } = await sql.query(
        `UPDATE "${snapshotTables[entity].table}" SET "archivedAt" = (now() AT TIME ZONE 'UTC'), "changedAt" = (now() AT TIME ZONE 'UTC')
         WHERE "firmId" = $1::uuid AND "connectorKind" = $2 AND "archivedAt" IS NULL AND "lastSeenAt" < ${utc(3)}`,
        [scope.firmId, scope.connectorKind, since.toISOString()],
      );
      return rowCount ?? 0;
    },
  };
}

export type SnapshotWriter = ReturnType<typeof createSnapshotWriter>;
