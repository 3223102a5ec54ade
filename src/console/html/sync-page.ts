import { when } from "./sync-words";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import type { HeldRun, OpenFlag, SyncOverview } from "../../psa/use-cases/sync-overview";
import { consolePage, noticeAndAlert } from "./console-layout";
import type { ConsoleChrome } from "./console-layout";
import { ambiguousWords, archiveReasonWords, mismatchWords, runErrorWords, runStatusWords, since, triggerWords } from "./sync-words";
import type { Fix } from "./sync-words";

export interface SyncPageOptions extends ConsoleChrome {
  overview: SyncOverview;
  /** Owners and admins act (run now, apply or discard, dismiss); support staff look. */
  canAct: boolean;
  notice?: string;
  alert?: string;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

function scheduleSection(options: SyncPageOptions): SafeHtml {
  const { overview, basePath, csrfToken, canAct } = options;
  const { settings, next } = overview;
  const incremental = settings.incrementalMinutes === "off" ? "off" : `every ${settings.incrementalMinutes} minutes (next at ${next.incremental ? when(next.incremental) : "-"} UTC)`;
  const full = settings.fullAtMinute === "off" ? "off" : `nightly from ${hhmm(settings.fullAtMinute)} UTC (next at ${next.full ? when(next.full) : "-"} UTC)`;
  const state = overview.running
    ? html`<p class="notice" role="status">A run is in progress (started ${when(overview.running.startedAt)} UTC). Reload to follow it.</p>`
    : overview.request
      ? html`<p class="notice" role="status">A ${overview.request.mode} run was asked for ${since(overview.request.requestedAt)}: it starts within a minute.</p>`
      : "";
  const runButton = (mode: "incremental" | "full", label: string) =>
    html`<form method="post" action="${basePath}/admin/sync/run">${csrfField(csrfToken)}<input type="hidden" name="mode" value="${mode}"><button type="submit">${label}</button></form>`;
  return html`<h2>Schedule</h2>
      <ul>
        <li>Changes from the PSA: ${incremental}.</li>
        <li>Full reconciliation (finds clients gone from the PSA): ${full}.</li>
        <li>Held for review: a run that would turn off more than ${settings.massDisablePercent} % of the active accounts, or more than ${settings.massDisableMax}.</li>
      </ul>
      ${state}
      ${overview.connectorKind ? (canAct ? html`${runButton("incremental", "Run now")} ${runButton("full", "Run a full reconciliation now")}` : html`<p class="muted">Owners and admins can run the sync now.</p>`) : html`<p>No PSA is connected yet: <a href="${basePath}/admin/psa">connect one</a>.</p>`}`;
}

function heldSection(options: SyncPageOptions, held: HeldRun): SafeHtml {
  const { basePath, csrfToken, canAct, overview } = options;
  const action = (decision: "apply" | "discard", label: string, confirm: string) =>
    html`<form method="post" action="${basePath}/admin/sync/runs/${held.run.id}/${decision}">${csrfField(csrfToken)}
        <label><input type="checkbox" name="confirm" value="yes" required> ${confirm}</label>
        <button type="submit"${decision === "apply" ? html` class="danger"` : ""}>${label}</button></form>`;
  return html`<h3>Run of ${when(held.run.startedAt)} UTC: would turn off ${held.total} account${held.total === 1 ? "" : "s"}</h3>
      <table>
        <thead><tr><th scope="col">Client</th><th scope="col">Why (what the PSA says)</th></tr></thead>
        <tbody>${held.accounts.map((a) => html`<tr><td>${a.email}</td><td>${archiveReasonWords(a.evidence, overview.recordFields)}</td></tr>`)}</tbody>
      </table>
      ${held.total > held.accounts.length ? html`<p class="muted">The first ${held.accounts.length} of ${held.total} are listed.</p>` : ""}
      ${canAct
        ? html`${action("apply", `Turn off these ${held.total} accounts`, "I checked the list: the PSA archived these clients")}
            ${action("discard", "Discard: turn off nobody", "Nobody on this list is turned off")}`
        : html`<p class="muted">An owner or admin applies or discards this run.</p>`}`;
}

function runsSection(overview: SyncOverview): SafeHtml {
  if (overview.runs.length === 0) return html`<p>No run yet.</p>`;
  return html`<table>
      <thead><tr><th scope="col">Started (UTC)</th><th scope="col">Kind</th><th scope="col">Outcome</th><th scope="col">Pages</th><th scope="col">Added / updated / unchanged / removed</th><th scope="col">Linked</th><th scope="col">Turned off / on</th><th scope="col">Flags</th><th scope="col">Error</th></tr></thead>
      <tbody>${overview.runs.map((run) => {
        const t = run.tally;
        const review = run.reviewStatus && run.reviewStatus !== "pending" ? ` (${run.reviewStatus} by ${run.reviewedBy ?? ""})` : "";
        return html`<tr><td>${when(run.startedAt)}</td><td>${run.mode}, ${triggerWords(run.trigger, run.requestedBy)}</td><td>${runStatusWords[run.status] ?? run.status}${review}</td>
          <td>${t.pages}</td><td>${t.added} / ${t.updated} / ${t.unchanged} / ${t.removed}</td><td>${t.linked}</td><td>${t.disabled}${t.held ? ` (${t.held} held)` : ""} / ${t.restored}</td><td>${t.mismatches}</td><td>${runErrorWords(run.errorCode, run.error)}</td></tr>`;
      })}</tbody>
    </table>`;
}

function fixItem(options: SyncPageOptions, fix: Fix): SafeHtml {
  if (fix.kind === "edit_psa") return html`<li>${fix.words}</li>`;
  return html`<li><form method="post" action="${options.basePath}/admin/invites">${csrfField(options.csrfToken)}
      <input type="hidden" name="email" value="${fix.email}"><input type="hidden" name="delivery" value="email">
      <button type="submit">Invite ${fix.email} (the PSA's address) instead</button></form></li>`;
}

function flagItem(options: SyncPageOptions, flag: OpenFlag, kind: "mismatch" | "flag"): SafeHtml {
  const fields = options.overview.recordFields;
  const words = kind === "mismatch" ? mismatchWords(flag, fields) : ((w) => ({ cause: w.cause, fixes: [{ kind: "edit_psa" as const, words: w.fix }] }))(ambiguousWords(flag, fields));
  const path = kind === "mismatch" ? "mismatches" : "flags";
  return html`<li><p><strong>${flag.email}</strong> (${since(flag.firstSeenAt)}): ${words.cause}</p>
      <ul>${words.fixes.map((fix) => fixItem(options, fix))}</ul>
      ${options.canAct
        ? html`<form method="post" action="${options.basePath}/admin/sync/${path}/${flag.id}/dismiss">${csrfField(options.csrfToken)}
            <label for="dismiss-${flag.id}">Reason to dismiss</label> <input id="dismiss-${flag.id}" name="reason" type="text" maxlength="200" required>
            <button type="submit">Dismiss</button></form>`
        : ""}</li>`;
}

/**
 * The console's Sync page: the schedule and "Run now", the runs held for review with the accounts they would turn
 * off (apply / discard), the last runs with their counts and errors, and the open mismatch flags with their fixes.
 */
export function syncPage(options: SyncPageOptions): string {
  const { overview } = options;
  const flags = overview.mismatches.length + overview.ambiguous.length;
  return consolePage(
    options,
    "Sync",
    html`${noticeAndAlert(options.notice, options.alert)}${scheduleSection(options)}`,
    html`${overview.held.length ? html`<div class="card"><h2>Held for review</h2>${overview.held.map((held) => heldSection(options, held))}</div>` : ""}
    <div class="card"><h2>Open flags (${flags})</h2>
      ${flags === 0
        ? html`<p>None: every active or invited client matches a PSA contact.</p>`
        : html`<ul>${overview.mismatches.map((flag) => flagItem(options, flag, "mismatch"))}${overview.ambiguous.map((flag) => flagItem(options, flag, "flag"))}</ul>`}
    </div>
    <div class="card"><h2>Last runs</h2>${runsSection(overview)}</div>`,
  );
}
