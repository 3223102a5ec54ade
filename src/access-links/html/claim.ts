import type { RequestHandler } from "express";
import { startSession } from "../../sign-in/start-session";
import { consumeAccessLink, revokeOtherPasswordLinks } from "../consume-access-link";
import { parseDateOfBirth } from "../date-of-birth";
import { findLink } from "../find-link";
import { recordWrongIdentityAnswer, requiresIdentityCheck, storedDateOfBirth } from "../identity-check";
import { kindsForPath } from "../link-kinds";
import type { LinkRouteDeps, LiveLinkContext } from "./link-route";
import { formField, withLiveLink } from "./link-route";
import { checkAndHashNewPassword, passwordMinLength } from "../new-password";
import { sendDeadLink } from "./dead-link";
import { recordSignIn } from "../../sign-in/record-sign-in";
import { sendError } from "../../platform/http/send-error";
import { setPasswordPage } from "./link-pages";
import type { SetPasswordPageOptions } from "./link-pages";

/** The claim page for an invite: choose a password (and, where the firm asks, give the date of birth). */
function render(deps: LinkRouteDeps, ctx: LiveLinkContext, status: number, extra: Partial<SetPasswordPageOptions> = {}): void {
  const { tenant, link } = ctx;
  const staff = link.kind === "invite_staff";
  const email = link.portalAccount?.email ?? link.staffAccount?.email ?? "";
  ctx.res.status(status).type("html").send(
    setPasswordPage({
      firmName: tenant.firm.name,
      title: staff ? "Set up your staff account" : "Set up your account",
      intro: `Welcome to ${tenant.firm.name}'s client portal. Choose a password to finish setting up ${email}.`,
      action: ctx.action,
      email,
      minLength: passwordMinLength(deps.config, tenant.firm),
      button: "Set password and sign in",
      askDateOfBirth: requiresIdentityCheck(tenant.firm, link),
      ...extra,
    }),
  );
}

/** A firm that checks the date of birth but has none on file for this client: say who must act. */
function missingRecord(ctx: LiveLinkContext): boolean {
  const account = ctx.link.portalAccount;
  if (!requiresIdentityCheck(ctx.tenant.firm, ctx.link) || !account || storedDateOfBirth(account)) return false;
  sendError(ctx.req, ctx.res, "identity_record_missing", `${ctx.tenant.firm.name} needs to add your date of birth to your record before you can set up your account. Contact them.`);
  return true;
}

/** GET /portal/{slug}/claim/{token}: shows the form; never uses the link (scanners and refreshes are harmless). */
export function showClaim(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "claim", (ctx) => {
    if (!missingRecord(ctx)) render(deps, ctx, 200);
  });
}

/** POST /portal/{slug}/claim/{token}: check the answers, then use the link once, set the password and sign in. */
export function submitClaim(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "claim", async (ctx) => {
    const { req, res, tenant, link, now } = ctx;
    if (missingRecord(ctx)) return;
    const account = link.portalAccount;
    const email = account?.email ?? link.staffAccount?.email ?? "";
    const typedDob = formField(req, "dateOfBirth");
    if (account && requiresIdentityCheck(tenant.firm, link)) {
      const parsed = parseDateOfBirth(typedDob, now);
      if (!parsed.ok) return render(deps, ctx, 400, { alert: parsed.message, field: "dateOfBirth", dateOfBirth: typedDob });
      if (parsed.iso !== storedDateOfBirth(account)) {
        const outcome = await recordWrongIdentityAnswer(deps, tenant.firm, link, account, now);
        await recordSignIn(deps.db, req, { firmId: tenant.firm.id, emailTyped: email, reason: "identity_check_failed", portalAccountId: account.id, detail: outcome.locked ? "invite locked" : `${outcome.attemptsLeft} attempts left` });
        if (outcome.locked) return sendDeadLink(deps.db, deps.config, req, res, { state: "locked", link }, ctx.token);
        const left = `${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? "try" : "tries"} left`;
        return render(deps, ctx, 400, {
          alert: `That date of birth does not match the one ${tenant.firm.name} has on file. Check it and try again (${left}). If you are sure it is right, contact ${tenant.firm.name}: their record may be wrong.`,
          field: "dateOfBirth",
          dateOfBirth: typedDob,
        });
      }
    }
    const password = await checkAndHashNewPassword(deps.config, tenant.firm, email, formField(req, "password"));
    if ("problem" in password) return render(deps, ctx, 400, { alert: password.problem, field: "password", dateOfBirth: typedDob });

    const won = await consumeAccessLink(deps.db, link.id, now, async (tx) => {
      const data = { passwordHash: password.hash, status: "active" as const, statusChangedAt: now, statusChangedBy: "claimed invite" };
      if (account) {
        await tx.portalAccount.update({ where: { id: account.id }, data: { ...data, emailConfirmedAt: account.emailConfirmedAt ?? now, lastSignInAt: now } });
        await revokeOtherPasswordLinks(tx, { portalAccountId: account.id }, now);
      } else if (link.staffAccountId) {
        await tx.staffAccount.update({ where: { id: link.staffAccountId }, data: { passwordHash: password.hash, status: "active", lastSignInAt: now } });
        await revokeOtherPasswordLinks(tx, { staffAccountId: link.staffAccountId }, now);
      }
    });
    if (!won) {
      const lookup = await findLink(deps.db, tenant.firm.id, ctx.token, kindsForPath("claim"), now);
      if (lookup.state !== "live") return sendDeadLink(deps.db, deps.config, req, res, lookup, ctx.token);
      return sendDeadLink(deps.db, deps.config, req, res, { state: "used", link, at: now }, ctx.token);
    }
    await recordSignIn(deps.db, req, { firmId: tenant.firm.id, emailTyped: email, reason: "invite_claim", portalAccountId: link.portalAccountId, staffAccountId: link.staffAccountId });
    const staff = link.kind === "invite_staff";
    await startSession(req, { kind: staff ? "staff" : "portal", id: (link.portalAccountId ?? link.staffAccountId) as string, firmId: tenant.firm.id });
    res.redirect(303, `${tenant.basePath}/${staff ? "admin" : ""}`);
  });
}
