import crypto from "node:crypto";
import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { Page, PsaCompany, PsaContact, PsaError, PsaProject, PsaResult } from "../../../connectors/types";
import type { FirmConnectors } from "../firm-connectors";
import { snapshotProjectDetails } from "../snapshot-project-details";

const hashOf = (record: object) => crypto.createHash("sha256").update(JSON.stringify(record)).digest("hex");

async function* pages<T>(list: (cursor: string | null) => Promise<PsaResult<Page<T>>>): AsyncGenerator<PsaResult<T[]>> {
  let cursor: string | null = null;
  do {
    const page: PsaResult<Page<T>> = await list(cursor);
    if (!page.ok) {
      yield page;
      return;
    }
    yield { ok: true, value: page.value.items };
    cursor = page.value.nextCursor;
  } while (cursor);
}

export interface SnapshotCounts {
  companies: number;
  contacts: number;
  projects: number;
  changed: number;
  archived: number;
  /** Open projects whose page details (phases, manager contact) were read. */
  details: number;
}

type SaveSteps<T> = [
  list: (cursor: string | null) => Promise<PsaResult<Page<T>>>,
  existingHashes: (ids: string[]) => Promise<Map<string, string>>,
  upsert: (item: T, hash: string) => Promise<unknown>,
  touch: (ids: string[]) => Promise<unknown>,
];

/** Page through one listing: write what changed (by content hash), touch what did not. Returns how many were listed. */
async function savePages<T extends { externalId: string }>(counts: SnapshotCounts, ...[list, existingHashes, upsert, touch]: SaveSteps<T>): Promise<PsaResult<number>> {
  let total = 0;
  for await (const page of pages(list)) {
    if (!page.ok) return page;
    const known = await existingHashes(page.value.map((item) => item.externalId));
    const unchanged: string[] = [];
    for (const item of page.value) {
      const hash = hashOf(item);
      if (known.get(item.externalId) === hash) unchanged.push(item.externalId);
      else {
        await upsert(item, hash);
        counts.changed++;
      }
    }
    await touch(unchanged);
    total += page.value.length;
  }
  return { ok: true, value: total };
}

/**
 * Copy the firm's PSA companies, contacts and projects into the snapshot tables, page by page. Rows are
 * upserted on (firm, connector, external id) with a content hash, so an unchanged row is not rewritten.
 * Rows the PSA no longer lists are marked archived only after a run that completed without error.
 * (The scheduled company-scoping sync builds on this; this function is the snapshot writer.)
 */
export async function refreshPsaSnapshot(db: Db, connectors: FirmConnectors, firm: Firm): Promise<PsaResult<SnapshotCounts>> {
  const connector = connectors.forFirm(firm);
  if (!connector.ok) return connector;
  const kind = firm.connectorKind as string;
  const psa = connector.value;
  const run = await db.syncRun.create({ data: { firmId: firm.id, job: "psa-snapshot", connectorKind: kind } });
  const startedAt = run.startedAt;
  const counts: SnapshotCounts = { companies: 0, contacts: 0, projects: 0, changed: 0, archived: 0, details: 0 };
  const key = (externalId: string) => ({ firmId_connectorKind_externalId: { firmId: firm.id, connectorKind: kind, externalId } });

  const save = <T extends { externalId: string }>(...steps: SaveSteps<T>) => savePages(counts, ...steps);

  const scope = { firmId: firm.id, connectorKind: kind };
  const hashes = (rows: Array<{ externalId: string; contentHash: string }>) => new Map(rows.map((r) => [r.externalId, r.contentHash]));
  const seen = { lastSeenAt: new Date(), archivedAt: null };

  const failRun = async (error: PsaError): Promise<PsaResult<SnapshotCounts>> => {
    await db.syncRun.update({ where: { id: run.id }, data: { status: "failed", finishedAt: new Date(), error: `${error.code}: ${error.message}`, counts: { ...counts } } });
    return { ok: false, error };
  };

  const companies = await save<PsaCompany>(
    (cursor) => psa.listCompanies({ cursor }),
    async (ids) => hashes(await db.psaCompanySnapshot.findMany({ where: { ...scope, externalId: { in: ids } }, select: { externalId: true, contentHash: true } })),
    (c, contentHash) => {
      const data = { name: c.name, active: c.active, domains: c.domains, psaUpdatedAt: c.updatedAt, contentHash, ...seen };
      return db.psaCompanySnapshot.upsert({ where: key(c.externalId), create: { ...scope, externalId: c.externalId, ...data }, update: data });
    },
    (ids) => db.psaCompanySnapshot.updateMany({ where: { ...scope, externalId: { in: ids } }, data: seen }),
  );
  if (!companies.ok) return failRun(companies.error);
  const contacts = await save<PsaContact>(
    (cursor) => psa.listContacts({ cursor }),
    async (ids) => hashes(await db.psaContactSnapshot.findMany({ where: { ...scope, externalId: { in: ids } }, select: { externalId: true, contentHash: true } })),
    (c, contentHash) => {
      const data = { firstName: c.firstName, lastName: c.lastName, emails: c.emails, companyExternalIds: c.companyExternalIds, active: c.active, psaUpdatedAt: c.updatedAt, contentHash, ...seen };
      return db.psaContactSnapshot.upsert({ where: key(c.externalId), create: { ...scope, externalId: c.externalId, ...data }, update: data });
    },
    (ids) => db.psaContactSnapshot.updateMany({ where: { ...scope, externalId: { in: ids } }, data: seen }),
  );
  if (!contacts.ok) return failRun(contacts.error);
  const projects = await save<PsaProject>(
    (cursor) => psa.listProjects({ cursor }),
    async (ids) => hashes(await db.psaProjectSnapshot.findMany({ where: { ...scope, externalId: { in: ids } }, select: { externalId: true, contentHash: true } })),
    (p, contentHash) => {
      const data = {
        companyExternalId: p.companyExternalId, name: p.name, status: p.status, phase: p.phase, manager: p.manager,
        managerExternalId: p.managerExternalId, startDate: p.startDate, endDate: p.endDate, budget: p.budget,
        invoiced: p.invoiced, hoursBudget: p.hoursBudget, hoursUsed: p.hoursUsed, percentComplete: p.percentComplete,
        description: p.description, active: p.active, psaUpdatedAt: p.updatedAt, contentHash, ...seen,
      };
      return db.psaProjectSnapshot.upsert({ where: key(p.externalId), create: { ...scope, externalId: p.externalId, ...data }, update: data });
    },
    (ids) => db.psaProjectSnapshot.updateMany({ where: { ...scope, externalId: { in: ids } }, data: seen }),
  );
  if (!projects.ok) return failRun(projects.error);

  counts.companies = companies.value;
  counts.contacts = contacts.value;
  counts.projects = projects.value;
  const stale = { ...scope, lastSeenAt: { lt: startedAt }, archivedAt: null };
  const archivedAt = new Date();
  counts.archived += (await db.psaCompanySnapshot.updateMany({ where: stale, data: { archivedAt } })).count;
  counts.archived += (await db.psaContactSnapshot.updateMany({ where: stale, data: { archivedAt } })).count;
  counts.archived += (await db.psaProjectSnapshot.updateMany({ where: stale, data: { archivedAt } })).count;
  counts.details = (await snapshotProjectDetails(db, psa, scope, startedAt)).read;
  await db.syncRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: new Date(), counts: { ...counts } } });
  return { ok: true, value: counts };
}
