import type { PsaConnector } from "../../connectors/types";
import type { Db } from "../platform/db/prisma";
import { toProjectDetailsRecord } from "../portal/company-answers";

const AT_ONCE = 3;

/**
 * The project pages' details (phases, the manager's contact) for the snapshot, so a PSA outage still shows a
 * project's schedule and team. They cost one to three PSA calls per project, which is why the list of projects
 * never needs them; so each sync run reads at most `limit` open projects, those never read first, then the longest
 * unread: every open project is refreshed in turn, and a run's PSA cost stays bounded however many projects a firm
 * has. A failure stops the reading (the PSA is likely down) and keeps the details read before; it does not fail
 * the run, whose contacts, companies and projects are saved.
 */
export async function snapshotProjectDetails(db: Db, psa: PsaConnector, scope: { firmId: string; connectorKind: string }, limit: number, now: () => Date): Promise<{ read: number; failed: boolean }> {
  const projects = await db.psaProjectSnapshot.findMany({
    where: { ...scope, active: true, archivedAt: null },
    select: { externalId: true, managerExternalId: true, manager: true },
    orderBy: [{ detailsReadAt: { sort: "asc", nulls: "first" } }, { externalId: "asc" }],
    take: limit,
  });
  let read = 0;
  // A few at a time (the sync's connector keeps a connection free for page loads in any case).
  for (let start = 0; start < projects.length; start += AT_ONCE) {
    const batch = projects.slice(start, start + AT_ONCE);
    const answers = await Promise.all(batch.map((project) => psa.getProjectDetails(project)));
    for (const [i, details] of answers.entries()) {
      if (!details.ok) return { read, failed: true };
      const key = { firmId_connectorKind_externalId: { ...scope, externalId: batch[i]?.externalId ?? "" } };
      await db.psaProjectSnapshot.update({ where: key, data: { details: toProjectDetailsRecord(details.value) as object, detailsReadAt: now() } });
      read++;
    }
  }
  return { read, failed: false };
}
