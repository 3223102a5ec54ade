import type { Response } from "express";
import { z } from "zod";
import { portalTemplates } from "../../../config/templates";
import type { PortalAccount } from "../../generated/prisma/client";
import { errorCatalogue } from "../../platform/errors";
import type { Formatter } from "../../platform/formatting";
import { formatterFor } from "../../firms/firm-presentation";
import { choice, readForm, readParams, readQuery, text, uuid } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { staffActor } from "../../accounts/actor";
import { staffExplanation } from "../../access-problems/access-problem-words";
import { signInReasons } from "../../sign-in/sign-in-reasons";
import type { AccountPsaLink } from "../../psa/account-psa-links";
import { diagnoseClientAccess, lookupAddress } from "../use-cases/diagnose-client-access";
import { sendClientLink } from "../use-cases/send-client-link";
import type { ClientAccessDiagnosis, DiagnoseDeps } from "../use-cases/diagnose-client-access";
import { setClientAccess, setClientTemplate, signClientOutEverywhere, unlockClientSignIn } from "../use-cases/manage-client";
import type { AccountDeps } from "../../accounts/change-account";
import { clientAccessPage } from "./client-access-page";
import { clientOfFirm } from "../client-of-firm";
import { consoleChrome } from "./console-chrome";
import { listState, showClientList } from "./clients";
import type { ClientAccessView } from "./client-access-page";
import { consoleWords, templateLabel } from "./words";
import type { Outcome } from "./console-layout";

function describeAccount(account: PortalAccount, lockedUntil: Date | null, format: Formatter): NonNullable<ClientAccessView["account"]> {
  const changed = account.statusChangedAt ? ` on ${format.date(account.statusChangedAt)}` : "";
  const by = account.statusChangedBy ? ` by ${account.statusChangedBy}` : "";
  const statusLine =
    account.status === "disabled"
      ? `access turned off${changed}${by}${account.statusReason ? `: ${account.statusReason}` : ""}`
      : account.status === "invited"
        ? "invited, not claimed yet (no password set)"
        : "active";
  return { id: account.id, status: account.status, statusLine, confirmed: !!account.emailConfirmedAt, lastSignIn: account.lastSignInAt ? format.dateTime(account.lastSignInAt) : null, lockedUntil: lockedUntil ? format.dateTime(lockedUntil) : null };
}

const state = (record: { active: boolean; gone: boolean }) => (record.gone ? "no longer in the PSA" : record.active ? "active" : "inactive");

/** One PSA link in words: the contact and the companies it gives the client. */
function describeLink(link: AccountPsaLink, format: Formatter): string {
  const companies = link.companies.length ? link.companies.map((c) => `${c.name} (company ${c.externalId}, ${state(c)})`).join(", ") : "no company";
  return `Contact ${link.contactExternalId}${link.name ? ` ${link.name}` : ""} (${state(link)}), linked ${format.date(link.linkedAt)}: ${companies}`;
}

/** The diagnosis in the words staff read. */
function describeDiagnosis(d: ClientAccessDiagnosis, format: Formatter): ClientAccessView {
  const when = format.dateTime;
  const psa: ClientAccessView["psa"] =
    d.psa.kind === "not_connected"
      ? { unavailable: "No PSA is connected to this portal yet, so no client sees projects." }
      : d.psa.kind === "not_answering"
        ? { unavailable: `The PSA did not answer: ${d.psa.message}` }
        : d.psa.kind === "works"
          ? { ok: true, line: `A contact of ${d.psa.companies.join(", ")}${d.psa.stale ? ` (as of ${when(d.psa.asOf)}; the PSA is not answering now)` : ""}. The client sees that company's projects.` }
          : { ok: false, ...staffExplanation(d.psa.problem, { email: d.email, suggestedEmail: d.psa.suggestedEmail, detail: d.psa.detail }) };
  let template: ClientAccessView["template"] = null;
  if (d.account && d.template) {
    const { effective, companyName } = d.template;
    const from = { account: "this client's own choice", company: `the template of ${companyName ?? "their company"}`, firm: "the portal default" }[effective.source];
    template = { line: `${templateLabel(effective.template)}, from ${from}`, override: d.account.templateOverride ?? null, choices: portalTemplates.map((name) => ({ name, label: templateLabel(name) })) };
  }
  const meaning = (reason: string) => (reason in signInReasons ? signInReasons[reason as keyof typeof signInReasons] : reason);
  return {
    email: d.email,
    template,
    account: d.account ? describeAccount(d.account, d.lockedUntil, format) : null,
    psa,
    events: d.events.map((event) => ({ at: when(event.at), reason: event.reason, meaning: meaning(event.reason), ip: event.ip })),
    links: d.psaLinks.map((link) => describeLink(link, format)),
  };
}

async function render(deps: DiagnoseDeps, req: StaffRequest, res: Response, status: number, email: string | null, extra: Outcome = {}): Promise<void> {
  const { tenant } = req;
  const { staff } = req.principal;
  const view = email ? describeDiagnosis(await diagnoseClientAccess(deps, { firm: tenant.firm, email }), formatterFor(tenant.firm)) : null;
  res.status(status).type("html").send(
    clientAccessPage({ ...(await consoleChrome(deps.db, req, "clients")), query: email ?? "", view, canChangeAccess: isOwnerOrAdmin(staff), ...extra }),
  );
}

/** How an action answers: the page for `email` (or the lookup form), at `status`, with what the action did. */
type Answer = (status: number, email: string | null, extra?: Outcome) => Promise<void>;

const backForm = z.object({ back: choice(["list", ""], "") });

/**
 * Where an action lands: the client list's row actions send back=list with the list's filters and page, and get
 * that list again with the notice (which names the client); the client page's forms get the client page.
 */
function answerFor(deps: DiagnoseDeps, req: StaffRequest, res: Response): Answer {
  if (readForm(req, backForm).back === "list") {
    const state = readForm(req, listState);
    return (status, _email, extra = {}) => showClientList(deps, req, res, state, { status, ...extra });
  }
  return (status, email, extra) => render(deps, req, res, status, email, extra);
}

const lookupQuery = z.object({ email: text });

/** GET /portal/{slug}/admin/clients?email=: "why can't this client sign in?" with the evidence and the fixes; without an address, the list. */
export function showClientAccess(deps: DiagnoseDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const typed = readQuery(req, lookupQuery).email;
    if (!typed.trim()) return showClientList(deps, req, res);
    const address = lookupAddress(typed);
    if (!address.ok) return render(deps, req, res, errorCatalogue.email_invalid.status, null, { alert: consoleWords.emailInvalid(address.error.typed) });
    return render(deps, req, res, 200, address.value);
  };
}

const accountParams = z.object({ accountId: uuid });

/** A refused change: the page at the catalogue's status, with the words for what was refused. */
function refuse(answer: Answer, code: "owners_and_admins_only" | "client_not_found", what: string) {
  const alert = code === "client_not_found" ? consoleWords.clientNotFound : consoleWords.ownersAndAdminsOnly(what);
  return answer(errorCatalogue[code].status, null, { alert });
}

/** POST /portal/{slug}/admin/clients/{id}/unlock: end a lockout now instead of making the client wait it out. */
export function unlockClient(deps: DiagnoseDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const answer = answerFor(deps, req, res);
    const unlocked = await unlockClientSignIn(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), accountId: readParams(req, accountParams, "client_not_found").accountId });
    if (!unlocked.ok) return refuse(answer, unlocked.error.code, "");
    return answer(200, unlocked.value.email, { notice: `Sign-in unlocked for ${unlocked.value.email}. They can sign in again now.` });
  };
}

const accessForm = z.object({ access: choice(["on", "off", ""], ""), reason: text, confirm: text });

/** POST /portal/{slug}/admin/clients/{id}/access (access=off|on, reason): owners and admins turn access off or back on. */
export function changeClientAccess(deps: DiagnoseDeps & AccountDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const answer = answerFor(deps, req, res);
    const form = readForm(req, accessForm);
    if (form.access === "off" && form.confirm !== "yes" && isOwnerOrAdmin(req.principal.staff)) {
      const found = await clientOfFirm(deps.db, req.tenant.firm.id, readParams(req, accountParams, "client_not_found").accountId);
      if (!found.ok) return refuse(answer, "client_not_found", "");
      return answer(400, found.value.email, { alert: consoleWords.confirmFirst(`turn ${found.value.email}'s access off`) });
    }
    const input = { firm: req.tenant.firm, actor: staffActor(req.principal.staff), accountId: readParams(req, accountParams, "client_not_found").accountId, access: form.access || null, reason: form.reason };
    const changed = await setClientAccess(deps, input);
    if (!changed.ok) {
      const failure = changed.error;
      if (failure.code !== "validation_failed") return refuse(answer, failure.code, "turn a client's access off or on");
      return answer(400, failure.account.email, { alert: 'Nothing changed: the form must say whether to turn access "off" or "on".' });
    }
    const { email, status } = changed.value;
    const notice = status === "disabled" ? `Access is off for ${email}. Their open sessions end on their next page load.` : `Access is back on for ${email}.`;
    return answer(200, email, { notice });
  };
}

const templateForm = z.object({ template: choice([...portalTemplates, "inherit", ""], "") });

/** POST /portal/{slug}/admin/clients/{id}/template: this client's own template, or back to inheriting (owner/admin). */
export function changeClientTemplate(deps: DiagnoseDeps & AccountDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const answer = answerFor(deps, req, res);
    const { template } = readForm(req, templateForm);
    const input = { firm: req.tenant.firm, actor: staffActor(req.principal.staff), accountId: readParams(req, accountParams, "client_not_found").accountId, template: template || null };
    const changed = await setClientTemplate(deps, input);
    if (!changed.ok) {
      const failure = changed.error;
      if (failure.code !== "validation_failed") return refuse(answer, failure.code, "change a client's template");
      return answer(400, failure.account.email, { alert: `Nothing changed: choose one of ${portalTemplates.join(", ")}, or "inherit".` });
    }
    const { account, template: chosen } = changed.value;
    const notice = chosen ? `${account.email} now sees the ${templateLabel(chosen)} template.` : `${account.email} follows their company's template again.`;
    return answer(200, account.email, { notice });
  };
}

/** POST /portal/{slug}/admin/clients/{id}/sign-out: owners and admins end every open session of a client. */
export function signClientOut(deps: DiagnoseDeps & AccountDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const answer = answerFor(deps, req, res);
    const input = { firm: req.tenant.firm, actor: staffActor(req.principal.staff), accountId: readParams(req, accountParams, "client_not_found").accountId };
    const signedOut = await signClientOutEverywhere(deps, input);
    if (!signedOut.ok) return refuse(answer, signedOut.error.code, "sign a client out everywhere");
    return answer(200, signedOut.value.email, { notice: consoleWords.signedOutEverywhere(signedOut.value.email) });
  };
}

const linkForm = z.object({ kind: choice(["invite", "magic", "reset"], "magic"), delivery: choice(["email", "copy"], "email") });
const linkWords = { invite: "Invite", magic: "Sign-in link", reset: "Password reset link" } as const;

/** POST /portal/{slug}/admin/clients/{id}/link: the invite again, a sign-in link or a reset link, emailed or shown once. */
export function sendLinkToClient(deps: DiagnoseDeps & { kickMail: () => void }): Handler<StaffRequest> {
  return async (req, res) => {
    const answer = answerFor(deps, req, res);
    const form = readForm(req, linkForm);
    const accountId = readParams(req, accountParams, "client_not_found").accountId;
    const sent = await sendClientLink(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), accountId, kind: form.kind, delivery: form.delivery });
    if (!sent.ok) {
      if (sent.error.code === "client_not_found") return refuse(answer, "client_not_found", "");
      const { email, reason } = sent.error;
      const alert = reason === "not_invited" ? `${email} already claimed the invite: send a sign-in or reset link instead.` : `${email} has no access now, so gets no sign-in or reset link: turn access back on first, or send the invite again.`;
      return answer(409, email, { alert });
    }
    const { email, kind, expiresAt, url } = sent.value;
    const until = formatterFor(req.tenant.firm).dateTime(expiresAt);
    if (url) return answer(200, email, { notice: `${linkWords[kind]} for ${email}, valid until ${until}. Copy it now: it is shown only once.`, link: url });
    return answer(200, email, { notice: `${linkWords[kind]} sent to ${email}. It works until ${until}.` });
  };
}
