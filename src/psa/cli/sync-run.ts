import { z } from "zod";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { defineCommand, done, failed } from "../../platform/cli/command";
import type { CliOutcome } from "../../platform/cli/command";
import { firmForCommand } from "../../firms/find-firm";
import type { KeyValueStore } from "../../platform/kv/store";
import type { SyncScheduler } from "../sync-scheduler";
import { runSyncNow } from "../use-cases/run-sync-now";
import type { FinishedRun } from "../use-cases/run-sync-now";

/** What `sync run` needs from the gateway's parts: the firm, the store holding the sync lock, the scheduler. */
export interface SyncRunDeps {
  db: Db;
  store: KeyValueStore;
  syncScheduler: SyncScheduler;
  config: Config;
}

const syncRunInput = z.object({ firm: z.string().trim().min(1, "give the firm's slug: --firm SLUG"), full: z.boolean().default(false) });

/** One sync run of the firm now, in this process, as `sync run` prints it (also called directly by its tests). */
export async function syncRun(deps: SyncRunDeps, input: z.output<typeof syncRunInput>): Promise<CliOutcome> {
  const found = await firmForCommand(deps.db, input.firm);
  if (!found.ok) return found.error;
  const firm = found.value;
  const ran = await runSyncNow({ store: deps.store, scheduler: deps.syncScheduler, lockMs: deps.config.SYNC_LOCK_SECONDS * 1000 }, { firm, mode: input.full ? "full" : "incremental" });
  if (!ran.ok) {
    const hint = ran.error.code === "psa_not_connected" ? `Connect it on the console: /portal/${firm.slug}/admin/psa.` : "The console's Sync page shows the run in progress.";
    return failed(ran.error.code, errorCatalogue[ran.error.code].message, hint);
  }
  const run = ran.value;
  const lines = [`${firm.slug}: ${outcomeWords(run)}`, ...countLines(run)];
  if (run.status === "failed") return failed("sync_failed", lines.join("\n"), errorCatalogue.sync_failed.message);
  return done(lines, { firm: firm.slug, runId: run.runId, status: run.status, counts: run.counts, errorCode: run.errorCode ?? null });
}

/** `sync run --firm SLUG [--full]`: one sync run of a firm now, in this process, printed as it ends. */
export const syncRunCommand = defineCommand({
  name: ["sync", "run"],
  summary: "run a firm's company-scoping sync now (incremental unless --full) and print what it did",
  options: [
    { flags: "--firm <slug>", description: "the firm's slug", required: true },
    { flags: "--full", description: "a full reconciliation (the only kind that finds clients gone from the PSA)" },
  ],
  input: syncRunInput,
  run: syncRun,
});

function outcomeWords(run: FinishedRun): string {
  if (run.status === "failed") return `the run failed (${run.errorCode ?? "error"}): ${run.error ?? ""}`;
  if (run.status === "held_for_review") return `held for review: it would turn off ${run.counts.held} accounts; an owner or admin applies or discards it on the console's Sync page.`;
  return "the run finished.";
}

function countLines(run: FinishedRun): string[] {
  const c = run.counts;
  return [
    `  run ${run.runId ?? "-"}: ${c.pages} pages; ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed`,
    `  accounts: ${c.linked} linked, ${c.disabled} turned off, ${c.restored} turned back on, ${c.held} held for review`,
    `  flags: ${c.mismatches} open, ${c.flagsClosed} closed`,
  ];
}
