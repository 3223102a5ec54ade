import { z } from "zod";
import { parseInput, readForm, text } from "../../platform/http/parse-input";
import { originOf } from "../../platform/http/request-state";
import type { Handler } from "../../platform/http/portal-router";
import { sendError } from "../../platform/http/send-error";
import { startSession } from "../../sign-in/start-session";
import { dateOfBirthField } from "../date-of-birth";
import { holderEmail } from "../find-link";
import { identityRecordMissing, requiresIdentityCheck } from "../identity-check";
import { passwordMinLength } from "../new-password";
import { claimInvite } from "../use-cases/claim-invite";
import { sendDeadLink } from "./dead-link";
import { setPasswordPage } from "./link-pages";
import type { SetPasswordPageOptions } from "./link-pages";
import type { LinkRouteDeps, LiveLinkContext } from "./link-route";
import { withLiveLink } from "./link-route";
import { linkWords, passwordProblemWords } from "./words";
import { tenantBrand } from "../../firms/firm-presentation";

const claimForm = z.object({ password: text, dateOfBirth: text });

/** The claim page for an invite: choose a password (and, where the firm asks, give the date of birth). */
function render(deps: LinkRouteDeps, ctx: LiveLinkContext, status: number, extra: Partial<SetPasswordPageOptions> = {}): void {
  const { tenant, link } = ctx;
  const email = holderEmail(link);
  ctx.res.status(status).type("html").send(
    setPasswordPage({
      ...tenantBrand(tenant),
      title: link.kind === "invite_staff" ? "Set up your staff account" : "Set up your account",
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
function sendMissingRecord(ctx: LiveLinkContext): boolean {
  if (!identityRecordMissing(ctx.tenant.firm, ctx.link)) return false;
  sendError(ctx.req, ctx.res, "identity_record_missing", linkWords.identityRecordMissing(ctx.tenant.firm));
  return true;
}

/** GET /portal/{slug}/claim/{token}: shows the form; never uses the link (scanners and refreshes are harmless). */
export function showClaim(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "claim", (ctx) => {
    if (!sendMissingRecord(ctx)) render(deps, ctx, 200);
  });
}

/** POST /portal/{slug}/claim/{token}: check the answers, then use the link once, set the password and sign in. */
export function submitClaim(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "claim", async (ctx) => {
    const { req, res, tenant, link, now } = ctx;
    if (sendMissingRecord(ctx)) return;
    const typed = readForm(req, claimForm);
    let dateOfBirthIso: string | null = null;
    if (link.portalAccount && requiresIdentityCheck(tenant.firm, link)) {
      const dob = parseInput(z.object({ dateOfBirth: dateOfBirthField(now) }), req.body);
      if (!dob.ok) return render(deps, ctx, 400, { alert: dob.message, field: "dateOfBirth", dateOfBirth: typed.dateOfBirth });
      dateOfBirthIso = dob.value.dateOfBirth;
    }
    const claimed = await claimInvite(deps, { firm: tenant.firm, link, token: ctx.token, password: typed.password, dateOfBirthIso, origin: originOf(req), now });
    if (claimed.ok) {
      await startSession(req, claimed.value);
      return res.redirect(303, `${tenant.basePath}/${claimed.value.kind === "staff" ? "admin" : ""}`);
    }
    const failure = claimed.error;
    switch (failure.code) {
      case "identity_record_missing":
        return void sendMissingRecord(ctx);
      case "identity_answer_wrong":
        return render(deps, ctx, 400, { alert: linkWords.identityAnswerWrong(tenant.firm, failure.attemptsLeft), field: "dateOfBirth", dateOfBirth: typed.dateOfBirth });
      case "password_rejected":
        return render(deps, ctx, 400, { alert: passwordProblemWords(failure.problem), field: "password", dateOfBirth: typed.dateOfBirth });
      default:
        return sendDeadLink(deps, req, res, failure.lookup, ctx.token);
    }
  });
}
