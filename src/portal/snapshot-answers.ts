import { z } from "zod";
import type { Firm } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { SYNC_JOB } from "../psa/sync/run-record";
import type { AccessAnswer, CompanyRef, ProjectDetailsRecord, ProjectRecord } from "./company-answers";

/**
 * Reading the sync's snapshot: the answer of last resort when the PSA is down and nothing is cached. Its age is
 * the finish time of the firm's last sync run whose listings completed (a run held for review still refreshed it).
 */
async function snapshotAsOf(db: Db, firm: Firm): Promise<Date | null> {
  const run = await db.syncRun.findFirst({
    where: { firmId: firm.id, job: SYNC_JOB, status: { in: ["succeeded", "held_for_review"] }, connectorKind: firm.connectorKind ?? "" },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  return run?.finishedAt ?? null;
}

export async function readAccessFromSnapshot(db: Db, firm: Firm, email: string): Promise<{ value: AccessAnswer; asOf: Date } | null> {
  const asOf = await snapshotAsOf(db, firm);
  if (!asOf || !firm.connectorKind) return null;
  const scope = { firmId: firm.id, connectorKind: firm.connectorKind, archivedAt: null };
  const contacts = await db.psaContactSnapshot.findMany({ where: { ...scope, emails: { has: email } } });
  if (contacts.length === 0) return { value: { status: "no_contact" }, asOf };
  const active = contacts.filter((contact) => contact.active);
  if (active.length === 0) return { value: { status: "contact_inactive" }, asOf };
  const ids = [...new Set(active.flatMap((contact) => contact.companyExternalIds))];
  if (ids.length === 0) return { value: { status: "no_company" }, asOf };
  const companies = await db.psaCompanySnapshot.findMany({ where: { ...scope, externalId: { in: ids } }, orderBy: { name: "asc" } });
  const ref = (c: CompanyRef) => ({ externalId: c.externalId, name: c.name, domains: c.domains ?? [] });
  const activeCompanies = companies.filter((company) => company.active).map(ref);
  if (activeCompanies.length > 0) return { value: { status: "ok", companies: activeCompanies }, asOf };
  if (companies.length > 0) return { value: { status: "company_inactive", companies: companies.map(ref) }, asOf };
  return { value: { status: "no_company" }, asOf };
}

export async function readProjectsFromSnapshot(db: Db, firm: Firm, companyExternalId: string): Promise<{ value: ProjectRecord[]; asOf: Date } | null> {
  const asOf = await snapshotAsOf(db, firm);
  if (!asOf || !firm.connectorKind) return null;
  const rows = await db.psaProjectSnapshot.findMany({
    where: { firmId: firm.id, connectorKind: firm.connectorKind, archivedAt: null, companyExternalId },
    orderBy: { name: "asc" },
  });
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const money = (d: { toString(): string } | null) => (d === null ? null : Number(d));
  const value = rows.map((row) => ({
    externalId: row.externalId,
    companyExternalId: row.companyExternalId,
    name: row.name,
    status: row.status,
    phase: row.phase,
    manager: row.manager,
    managerExternalId: row.managerExternalId,
    startDate: iso(row.startDate),
    endDate: iso(row.endDate),
    budget: money(row.budget),
    invoiced: money(row.invoiced),
    hoursBudget: row.hoursBudget,
    hoursUsed: row.hoursUsed,
    percentComplete: row.percentComplete,
    description: row.description,
    active: row.active,
  }));
  return { value, asOf };
}

/** The snapshot's details column is JSON written by the sync; read it back only in the shape it was written. */
const detailsSchema: z.ZodType<ProjectDetailsRecord> = z.object({
  phases: z
    .array(
      z.object({
        externalId: z.string(),
        name: z.string(),
        startDate: z.string().nullable(),
        endDate: z.string().nullable(),
        state: z.enum(["done", "in_progress", "not_started", "unknown"]),
        milestone: z.boolean(),
      }),
    )
    .nullable(),
  manager: z.object({ name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
});

export async function readProjectDetailsFromSnapshot(db: Db, firm: Firm, projectExternalId: string): Promise<{ value: ProjectDetailsRecord; asOf: Date } | null> {
  const asOf = await snapshotAsOf(db, firm);
  if (!asOf || !firm.connectorKind) return null;
  const row = await db.psaProjectSnapshot.findFirst({
    where: { firmId: firm.id, connectorKind: firm.connectorKind, externalId: projectExternalId, archivedAt: null },
    select: { details: true },
  });
  const parsed = detailsSchema.safeParse(row?.details);
  return parsed.success ? { value: parsed.data, asOf } : null;
}
