import type { PsaConnector } from "../../connectors/types";
import type { Db } from "../platform/db/prisma";
import { toProjectDetailsRecord } from "../portal/company-answers";

/**
 * The project pages' details (phases, the manager's contact) for the snapshot, so a PSA outage still shows a
 * project's schedule and team. Only the open projects this run listed are read: one to three PSA calls each, which
 * is why the list of projects itself never needs them. A failure stops the reading (the PSA is likely down) and
 * keeps the details read before; it does not fail the run, whose contacts, companies and projects are saved.
 */
export async function snapshotProjectDetails(db: Db, psa: PsaConnector, scope: { firmId: string; connectorKind: string }, listedSince: Date): Promise<{ read: number; failed: boolean }> {
  const projects = await db.psaProjectSnapshot.findMany({
    where: { ...scope, active: true, archivedAt: null, lastSeenAt: { gte: listedSince } },
    select: { externalId: true, managerExternalId: true, manager: true },
    orderBy: { externalId: "asc" },
  });
  let read = 0;
  for (const project of projects) {
    const details = await psa.getProjectDetails(project);
    if (!details.ok) return { read, failed: true };
    const key = { firmId_connectorKind_externalId: { ...scope, externalId: project.externalId } };
    await db.psaProjectSnapshot.update({ where: key, data: { details: toProjectDetailsRecord(details.value) as object } });
    read++;
  }
  return { read, failed: false };
}
