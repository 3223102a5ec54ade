import type { ListOptions, Page, PsaConnector, PsaError, PsaResult } from "../../../connectors/types";
import { laterOf } from "./checkpoint";
import type { Checkpoint, RunCounts, SyncEntity } from "./checkpoint";
import { streamPages } from "./page-stream";
import type { PageStreamOptions } from "./page-stream";
import { newestChange } from "./plan-pass";
import { snapshotTables } from "./snapshot-writer";
import type { SnapshotWriter } from "./snapshot-writer";
import type { SnapshotTable } from "./snapshot-tables";

export interface ListingContext {
  connector: PsaConnector;
  writer: SnapshotWriter;
  counts: RunCounts;
  passStartedAt: Date;
  stream: Omit<PageStreamOptions, "signal">;
  pageSize: number;
  signal?: AbortSignal;
  /** Saves the checkpoint (and renews the lock); false when the run is no longer this process's. */
  save(checkpoint: Checkpoint): Promise<boolean>;
}

export type ListingEnd = { kind: "done"; checkpoint: Checkpoint } | { kind: "failed"; error: PsaError; checkpoint: Checkpoint } | { kind: "lost" | "aborted"; checkpoint: Checkpoint };

type Lister<T> = (options: ListOptions) => Promise<PsaResult<Page<T>>>;

/** Reads one listing from the checkpoint's cursor to its end, writing and checkpointing page by page. */
export function listEntity(context: ListingContext, entity: SyncEntity, checkpoint: Checkpoint): Promise<ListingEnd> {
  const { connector } = context;
  switch (entity) {
    case "companies":
      return listInto(context, snapshotTables.companies, (o) => connector.listCompanies(o), checkpoint);
    case "contacts":
      return listInto(context, snapshotTables.contacts, (o) => connector.listContacts(o), checkpoint);
    case "projects":
      return listInto(context, snapshotTables.projects, (o) => connector.listProjects(o), checkpoint);
  }
}

async function listInto<T extends { externalId: string; updatedAt: Date | null }>(context: ListingContext, table: SnapshotTable<T>, list: Lister<T>, start: Checkpoint): Promise<ListingEnd> {
  const entity = table.entity;
  const since = start.since[entity];
  const changedSince = since ? new Date(since) : null;
  let checkpoint = start;
  let restarted = false;
  let cursor = start.cursor;
  for (;;) {
    const stream = streamPages((next) => list({ cursor: next, changedSince, pageSize: context.pageSize }), cursor, { ...context.stream, signal: context.signal });
    for await (const page of stream) {
      if (!page.ok) {
        // A saved cursor the PSA no longer honours (expired): read this listing again from its start, once.
        if (page.error.code === "psa_misconfigured" && page.error.detail === "cursor" && cursor !== null && !restarted) break;
        return { kind: "failed", error: page.error, checkpoint };
      }
      const written = await context.writer.writePage(table, page.value.items);
      const counts = context.counts;
      counts.pages += 1;
      counts.added += written.added;
      counts.updated += written.updated;
      counts.unchanged += written.unchanged;
      const highWater = { ...checkpoint.highWater, [entity]: laterOf(checkpoint.highWater[entity], newestChange(page.value.items, context.passStartedAt)) };
      checkpoint = { ...checkpoint, cursor: page.value.resumeCursor, highWater };
      if (!(await context.save(checkpoint))) return { kind: "lost", checkpoint };
      if (context.signal?.aborted) return { kind: "aborted", checkpoint };
      if (!page.value.resumeCursor) return { kind: "done", checkpoint };
    }
    if (restarted || cursor === null) return { kind: "done", checkpoint };
    restarted = true;
    cursor = null;
    checkpoint = { ...checkpoint, cursor: null };
  }
}
