import crypto from "node:crypto";
import type { PsaCompany, PsaContact, PsaProject } from "../../../connectors/types";
import type { SyncEntity } from "./checkpoint";

/** A snapshot column: its name, its PostgreSQL type, and how a normalized record fills it. */
interface Column<T> {
  name: string;
  type: "text" | "boolean" | "timestamp(3)" | "numeric" | "double precision" | "text[]";
  value(record: T): string | number | boolean | string[] | null;
}

/**
 * How one of the PSA's record types is kept in its snapshot table. Adding a field to the snapshot is one column
 * line here (and the migration): the upsert's SQL, the content hash and the change detection follow from the list.
 */
export interface SnapshotTable<T extends { externalId: string }> {
  entity: SyncEntity;
  table: "PsaCompanySnapshot" | "PsaContactSnapshot" | "PsaProjectSnapshot";
  columns: Array<Column<T>>;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const companyTable: SnapshotTable<PsaCompany> = {
  entity: "companies",
  table: "PsaCompanySnapshot",
  columns: [
    { name: "name", type: "text", value: (c) => c.name },
    { name: "active", type: "boolean", value: (c) => c.active },
    { name: "domains", type: "text[]", value: (c) => c.domains },
    { name: "psaUpdatedAt", type: "timestamp(3)", value: (c) => iso(c.updatedAt) },
  ],
};

export const contactTable: SnapshotTable<PsaContact> = {
  entity: "contacts",
  table: "PsaContactSnapshot",
  columns: [
    { name: "firstName", type: "text", value: (c) => c.firstName },
    { name: "lastName", type: "text", value: (c) => c.lastName },
    { name: "emails", type: "text[]", value: (c) => c.emails },
    { name: "companyExternalIds", type: "text[]", value: (c) => c.companyExternalIds },
    { name: "active", type: "boolean", value: (c) => c.active },
    { name: "psaUpdatedAt", type: "timestamp(3)", value: (c) => iso(c.updatedAt) },
  ],
};

export const projectTable: SnapshotTable<PsaProject> = {
  entity: "projects",
  table: "PsaProjectSnapshot",
  columns: [
    { name: "companyExternalId", type: "text", value: (p) => p.companyExternalId },
    { name: "name", type: "text", value: (p) => p.name },
    { name: "status", type: "text", value: (p) => p.status },
    { name: "phase", type: "text", value: (p) => p.phase },
    { name: "manager", type: "text", value: (p) => p.manager },
    { name: "managerExternalId", type: "text", value: (p) => p.managerExternalId },
    { name: "startDate", type: "timestamp(3)", value: (p) => iso(p.startDate) },
    { name: "endDate", type: "timestamp(3)", value: (p) => iso(p.endDate) },
    { name: "budget", type: "numeric", value: (p) => p.budget },
    { name: "invoiced", type: "numeric", value: (p) => p.invoiced },
    { name: "hoursBudget", type: "double precision", value: (p) => p.hoursBudget },
    { name: "hoursUsed", type: "double precision", value: (p) => p.hoursUsed },
    { name: "percentComplete", type: "double precision", value: (p) => p.percentComplete },
    { name: "description", type: "text", value: (p) => p.description },
    { name: "active", type: "boolean", value: (p) => p.active },
    { name: "psaUpdatedAt", type: "timestamp(3)", value: (p) => iso(p.updatedAt) },
  ],
};

/**
 * One page as the rows the upsert reads: each record's columns and a hash of them, so a record the PSA sends
 * again unchanged is recognised without comparing columns. Repeated ids in a page keep the last one.
 */
export function toRows<T extends { externalId: string }>(table: SnapshotTable<T>, records: readonly T[]): Array<Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  for (const record of records) {
    const values = table.columns.map((column) => column.value(record));
    const contentHash = crypto.createHash("sha256").update(JSON.stringify(values)).digest("base64url");
    const row: Record<string, unknown> = { externalId: record.externalId, contentHash };
    table.columns.forEach((column, i) => (row[column.name] = values[i]));
    rows.set(record.externalId, row);
  }
  return [...rows.values()];
}

const q = (name: string) => `"${name}"`;

/**
 * The one statement that writes a page (PostgreSQL, all rows at once): read the rows' stored hashes, insert the new
 * ones and rewrite the changed ones (ON CONFLICT ... only where the hash differs or the row was archived), and mark
 * the unchanged ones seen. $1 firm, $2 connector kind, $3 the page as JSON. Times are the database's clock (UTC).
 */
export function upsertStatement<T extends { externalId: string }>(table: SnapshotTable<T>): string {
  const now = `(now() AT TIME ZONE 'UTC')`;
  const recordset = [`"externalId" text`, `"contentHash" text`, ...table.columns.map((c) => `${q(c.name)} ${c.type}`)].join(", ");
  const names = table.columns.map((c) => q(c.name));
  const scope = `s."firmId" = $1::uuid AND s."connectorKind" = $2`;
  return `
    WITH input AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS t(${recordset})),
    prior AS (
      SELECT s."externalId", s."contentHash", s."archivedAt" FROM ${q(table.table)} s JOIN input i ON i."externalId" = s."externalId" WHERE ${scope}
    ),
    written AS (
      INSERT INTO ${q(table.table)} AS s ("firmId", "connectorKind", "externalId", "contentHash", ${names.join(", ")}, "lastSeenAt", "changedAt", "archivedAt")
      SELECT $1::uuid, $2, i."externalId", i."contentHash", ${names.map((n) => `i.${n}`).join(", ")}, ${now}, ${now}, NULL
      FROM input i LEFT JOIN prior p ON p."externalId" = i."externalId"
      WHERE p."externalId" IS NULL OR p."contentHash" <> i."contentHash" OR p."archivedAt" IS NOT NULL
      ON CONFLICT ("firmId", "connectorKind", "externalId") DO UPDATE SET
        ${names.map((n) => `${n} = excluded.${n}`).join(", ")}, "contentHash" = excluded."contentHash",
        "lastSeenAt" = excluded."lastSeenAt", "changedAt" = excluded."changedAt", "archivedAt" = NULL
      RETURNING (xmax = 0) AS inserted
    ),
    touched AS (
      UPDATE ${q(table.table)} s SET "lastSeenAt" = ${now}
      FROM prior p JOIN input i ON i."externalId" = p."externalId"
      WHERE ${scope} AND s."externalId" = p."externalId" AND p."contentHash" = i."contentHash" AND p."archivedAt" IS NULL
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM written WHERE inserted)::int AS added,
           (SELECT count(*) FROM written WHERE NOT inserted)::int AS updated,
           (SELECT count(*) FROM touched)::int AS unchanged`;
}
