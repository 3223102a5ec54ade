import { z } from "zod";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import type { ErrorCode } from "../../platform/errors";
import { errorCatalogue } from "../../platform/errors";
import type { KeyValueStore } from "../../platform/kv/store";
import type { SyncScheduler } from "../sync-scheduler";
import { runSyncNow } from "../use-cases/run-sync-now";
import type { FinishedRun } from "../use-cases/run-sync-now";

/**
 * `sync run --firm SLUG [--full]`: one sync run of a firm now, in this process, printed as it ends. The shape is the
 * operator CLI's (issue 11: name, options, a zod input, a run returning lines and data or a catalogue code), so it
 * folds into that CLI's command list as it is; src/cli.ts runs it until then.
 */
export const syncRunCommand = {
  name: ["sync", "run"] as const,
  summary: "run a firm's company-scoping sync now (incremental unless --full) and print what it did",
  options: [
    { flags: "--firm <slug>", description: "the firm's slug", required: true },
    { flags: "--full", description: "a full reconciliation (the only kind that finds clients gone from the PSA)" },
  ],
  input: z.object({ firm: z.string().trim().min(1, "give the firm's slug: --firm SLUG"), full: z.boolean().default(false) }),
  run: syncRun,
};

export interface SyncRunDeps {
  db: Db;
  store: KeyValueStore;
  syncScheduler: SyncScheduler;
  config: Config;
}

export type CommandOutcome = { ok: true; lines: string[]; data: unknown } | { ok: false; code: ErrorCode; message: string; hint?: string };

async function syncRun(deps: SyncRunDeps, input: { firm: string; full: boolean }): Promise<CommandOutcome> {
  const firm = await deps.db.firm.findUnique({ where: { slug: input.firm.toLowerCase() } });
  if (!firm) return { ok: false, code: "portal_not_found", message: `No firm has the slug "${input.firm}".`, hint: "The console's address names it: /portal/SLUG/admin." };
  const ran = await runSyncNow({ store: deps.store, scheduler: deps.syncScheduler, lockMs: deps.config.SYNC_LOCK_SECONDS * 1000 }, { firm, mode: input.full ? "full" : "incremental" });
  if (!ran.ok) {
    const hint = ran.error.code === "psa_not_connected" ? `Connect it on the console: /portal/${firm.slug}/admin/psa.` : "The console's Sync page shows the run in progress.";
    return { ok: false, code: ran.error.code, message: errorCatalogue[ran.error.code].message, hint };
  }
  const run = ran.value;
  const lines = [`${firm.slug}: ${outcomeWords(run)}`, ...countLines(run)];
  if (run.status === "failed") return { ok: false, code: "sync_failed", message: lines.join("\n"), hint: errorCatalogue.sync_failed.message };
  return { ok: true, lines, data: { firm: firm.slug, runId: run.runId, status: run.status, counts: run.counts, errorCode: run.errorCode ?? null } };
}

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
