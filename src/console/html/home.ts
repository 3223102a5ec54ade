import type { Response } from "express";
import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import type { AccountDeps } from "../../accounts/change-account";
import { formatterFor } from "../../firms/firm-presentation";
import { choice, parseInput, readForm, readParams, text, uuid } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import type { KeyValueStore } from "../../platform/kv/store";
import { errorCatalogue } from "../../platform/errors";
import { staffActor } from "../../accounts/actor";
import { staffExplanation } from "../../access-problems/access-problem-words";
import { dateOfBirthField } from "../../access-links/date-of-birth";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import type { CompanyResolver } from "../../portal/company-resolver";
import { correctClientDateOfBirth, loadConsoleHome, recheckClientAccess } from "../use-cases/console-home";
import { inviteClient } from "../use-cases/invite-client";
import type { Invited, InviteFailure } from "../use-cases/invite-client";
import { adminHomePage } from "./home-page";
import type { Outcome } from "./console-layout";
import type { InviteCheck } from "./home-page";
import { consoleChrome } from "./console-chrome";
import { consoleWords, inviteNotice } from "./words";

type Extra = Outcome & { inviteCheck?: InviteCheck };

async function render(db: Db, req: StaffRequest, res: Response, status: number, extra: Extra = {}): Promise<void> {
  const { tenant } = req;
  const home = await loadConsoleHome(db, tenant.firm.id);
  const format = formatterFor(tenant.firm);
  res.status(status).type("html").send(
    adminHomePage({
      ...(await consoleChrome(db, req, "flags")),
      problems: home.problems.map((p) => ({ portalAccountId: p.portalAccountId, email: p.email, since: format.date(p.firstSeenAt), ...staffExplanation(p.problem, p) })),
      locked: home.lockedInvites.map((invite) => ({ portalAccountId: invite.portalAccountId, email: invite.email, since: format.date(invite.since) })),
      ...extra,
    }),
  );
}

/** GET /portal/{slug}/admin: staff only (a client's session, however it signed in, is sent to staff sign-in). */
export function adminHome(db: Db): Handler<StaffRequest> {
  return (req, res) => render(db, req, res, 200);
}

const inviteForm = z.object({ email: text, delivery: choice(["email", "copy"], "email"), confirmed: text });

/** The console's answer to an invite, client or staff: what happened, and the link itself when it is to be copied. */
function answerInvite(db: Db, req: StaffRequest, res: Response, delivery: "email" | "copy", outcome: Invited | InviteFailure) {
  if ("code" in outcome) return render(db, req, res, errorCatalogue[outcome.code].status, { alert: consoleWords.emailInvalid(outcome.typed) });
  if (outcome.kind === "check_address") {
    const { cause, fix } = staffExplanation(outcome.problem, { email: outcome.email, suggestedEmail: outcome.suggestion, detail: outcome.detail }, "invite again");
    return render(db, req, res, 200, { inviteCheck: { email: outcome.email, suggestion: outcome.suggestion, cause, fix, delivery } });
  }
  return render(db, req, res, 200, inviteNotice(outcome, "client", formatterFor(req.tenant.firm)));
}

/** POST /portal/{slug}/admin/invites: invite a client by email, or make a link to share by hand. */
export function inviteClientHandler(deps: LinkServiceDeps & { resolver: CompanyResolver }): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, inviteForm);
    const input = { firm: req.tenant.firm, actor: staffActor(req.principal.staff), emailTyped: form.email, delivery: form.delivery, confirmed: form.confirmed === "yes" };
    const invited = await inviteClient(deps, input);
    return answerInvite(deps.db, req, res, form.delivery, invited.ok ? invited.value : invited.error);
  };
}

const accountParams = z.object({ accountId: uuid });

/** POST /portal/{slug}/admin/accounts/{id}/recheck: ask the PSA now, say what the client will see, close fixed flags. */
export function recheckAccess(deps: { db: Db; store: KeyValueStore; resolver: CompanyResolver }): Handler<StaffRequest> {
  return async (req, res) => {
    const { accountId } = readParams(req, accountParams, "client_not_found");
    const rechecked = await recheckClientAccess(deps, { firm: req.tenant.firm, accountId });
    if (!rechecked.ok) return render(deps.db, req, res, errorCatalogue.client_not_found.status, { alert: consoleWords.clientNotFound });
    const result = rechecked.value;
    switch (result.kind) {
      case "not_answering": {
        const why = result.error ? result.error.message : "it did not answer in time";
        return render(deps.db, req, res, 200, { alert: `Could not check ${result.email} with the PSA just now (${why}). Try again in a minute; the client's next page load asks the PSA too.` });
      }
      case "problem": {
        const { cause, fix } = staffExplanation(result.problem, { email: result.email, suggestedEmail: result.suggestedEmail, detail: null });
        return render(deps.db, req, res, 200, { alert: `Checked just now: ${result.email} ${cause} ${fix}` });
      }
      case "works":
        return render(deps.db, req, res, 200, { notice: `Checked just now: ${result.email} is with ${result.companies.join(", ")} in the PSA and sees its projects on the next page load.` });
    }
  };
}

/** POST /portal/{slug}/admin/accounts/{id}/date-of-birth: correct the record; the client's same invite link works again. */
export function correctDateOfBirth(deps: AccountDeps): Handler<StaffRequest> {
  const { db } = deps;
  return async (req, res) => {
    const form = parseInput(z.object({ dateOfBirth: dateOfBirthField() }), req.body);
    if (!form.ok) return render(db, req, res, 400, { alert: form.message });
    const { accountId } = readParams(req, accountParams, "client_not_found");
    const corrected = await correctClientDateOfBirth(deps, { firmId: req.tenant.firm.id, accountId, dateOfBirthIso: form.value.dateOfBirth });
    if (!corrected.ok) return render(db, req, res, errorCatalogue.client_not_found.status, { alert: consoleWords.clientNotFound });
    return render(db, req, res, 200, { notice: `Saved. ${corrected.value.email}'s invite link works again.` });
  };
}
