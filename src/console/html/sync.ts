import type { Response } from "express";
import { z } from "zod";
import type { Config } from "../../../config";
import type { AccountDeps } from "../../accounts/change-account";
import { errorCatalogue } from "../../platform/errors";
import { choice, readForm, readParams, text, uuid } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { dismissAccessProblem } from "../../access-problems/dismiss-access-problem";
import { requestSyncRun } from "../../psa/use-cases/request-sync-run";
import { reviewHeldRun } from "../../psa/use-cases/review-held-run";
import { loadSyncOverview } from "../../psa/use-cases/sync-overview";
import { syncPage } from "./sync-page";
import { consoleWords } from "./words";
import { consoleChrome } from "./console-chrome";

export interface SyncPageDeps extends AccountDeps {
  config: Config;
  sync: { kick(): void };
}

async function render(deps: SyncPageDeps, req: StaffRequest, res: Response, status: number, extra: { notice?: string; alert?: string } = {}): Promise<void> {
  const overview = await loadSyncOverview(deps, { firm: req.tenant.firm, now: new Date() });
  const chrome = await consoleChrome(deps.db, req, "sync");
  res.status(status).type("html").send(syncPage({ ...chrome, overview, canAct: isOwnerOrAdmin(req.principal.staff), ...extra }));
}

/** GET /portal/{slug}/admin/sync: every staff member may look. */
export function showSync(deps: SyncPageDeps): Handler<StaffRequest> {
  return (req, res) => render(deps, req, res, 200);
}

const runForm = z.object({ mode: choice(["incremental", "full"], "incremental") });

/** POST /portal/{slug}/admin/sync/run (mode): owners and admins ask for a run now. */
export function runSyncNow(deps: SyncPageDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { mode } = readForm(req, runForm);
    const asked = await requestSyncRun({ db: deps.db, kick: deps.sync.kick }, { firm: req.tenant.firm, mode, trigger: "staff", staff: req.principal.staff });
    if (!asked.ok) {
      const alert = asked.error.code === "owners_and_admins_only" ? consoleWords.ownersAndAdminsOnly("run the sync") : errorCatalogue.psa_not_connected.message;
      return render(deps, req, res, errorCatalogue[asked.error.code].status, { alert });
    }
    const what = mode === "full" ? "A full reconciliation" : "A run";
    const notice = asked.value.alreadyRunning ? `${what} starts as soon as the run in progress finishes.` : `${what} starts within a minute. Reload this page to see it.`;
    return render(deps, req, res, 200, { notice });
  };
}

const runParams = z.object({ runId: uuid });
const confirmForm = z.object({ confirm: text });

/** POST /portal/{slug}/admin/sync/runs/{id}/apply | discard (confirm=yes): owners and admins decide a held run. */
export function reviewRun(deps: SyncPageDeps, decision: "apply" | "discard"): Handler<StaffRequest> {
  return async (req, res) => {
    const { runId } = readParams(req, runParams);
    if (readForm(req, confirmForm).confirm !== "yes") return render(deps, req, res, 400, { alert: "Nothing changed: tick the box that confirms you checked the list." });
    const reviewed = await reviewHeldRun(deps, { firm: req.tenant.firm, staff: req.principal.staff, runId, decision });
    if (!reviewed.ok) {
      const { code } = reviewed.error;
      const alert = code === "owners_and_admins_only" ? consoleWords.ownersAndAdminsOnly("apply or discard a held run") : code === "not_found" ? "No such held run on this portal." : errorCatalogue[code].message;
      return render(deps, req, res, errorCatalogue[code].status, { alert });
    }
    const { disabled, skipped } = reviewed.value;
    const notice =
      decision === "apply"
        ? `Applied: ${disabled} account${disabled === 1 ? "" : "s"} turned off${skipped ? `; ${skipped} left as they are (already off, or no longer archived in the PSA)` : ""}. Their open sessions end on their next page load.`
        : "Discarded: nobody on the list was turned off.";
    return render(deps, req, res, 200, { notice });
  };
}

const flagParams = z.object({ id: uuid });
const dismissForm = z.object({ reason: text });

/** POST /portal/{slug}/admin/sync/mismatches/{id}/dismiss | flags/{id}/dismiss (reason): owners and admins. */
export function dismissFlag(deps: SyncPageDeps, kind: "mismatch" | "flag"): Handler<StaffRequest> {
  return async (req, res) => {
    const { id } = readParams(req, flagParams);
    const { reason } = readForm(req, dismissForm);
    const dismissed = await dismissAccessProblem(deps.db, { firm: req.tenant.firm, staff: req.principal.staff, kind, id, reason });
    if (!dismissed.ok) {
      const { code } = dismissed.error;
      const alert = code === "owners_and_admins_only" ? consoleWords.ownersAndAdminsOnly("dismiss a flag") : code === "not_found" ? "No such open flag on this portal." : "Nothing changed: say why the flag is dismissed.";
      return render(deps, req, res, errorCatalogue[code].status, { alert });
    }
    return render(deps, req, res, 200, { notice: `Dismissed the flag on ${dismissed.value.email}. It stays dismissed unless a sync finds it fixed and it comes back.` });
  };
}
