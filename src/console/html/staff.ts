import type { Response } from "express";
import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { choice, readForm, readParams, text, uuid } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { grantableRoles } from "../../accounts/staff-roles";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import type { AccountDeps } from "../../accounts/change-account";
import { formatterFor } from "../../firms/firm-presentation";
import { staffActor } from "../../accounts/actor";
import { inviteStaff } from "../use-cases/invite-staff";
import { changeStaffRole, listStaff, setStaffAccess } from "../use-cases/manage-staff";
import type { StaffChangeFailure } from "../use-cases/manage-staff";
import { consoleChrome } from "./console-chrome";
import type { Outcome } from "./console-layout";
import { staffPage } from "./staff-page";
import { consoleWords, inviteNotice, staffFailureWords } from "./words";

async function render(db: Db, req: StaffRequest, res: Response, status: number, outcome: Outcome = {}): Promise<void> {
  const { staff } = req.principal;
  const format = formatterFor(req.tenant.firm);
  const colleagues = await listStaff(db, req.tenant.firm.id);
  res.status(status).type("html").send(
    staffPage({
      ...(await consoleChrome(db, req, "staff")),
      ...outcome,
      staff: colleagues.map((c) => ({ id: c.id, email: c.email, role: c.role, status: c.status, lastSignIn: c.lastSignInAt ? format.dateTime(c.lastSignInAt) : null, isYou: c.id === staff.id })),
      grantable: grantableRoles[staff.role],
      canManage: staff.role === "owner",
    }),
  );
}

/** GET /portal/{slug}/admin/staff: colleagues with roles and status, the invite form, and owners' changes. */
export function showStaff(db: Db): Handler<StaffRequest> {
  return (req, res) => render(db, req, res, 200);
}

const inviteForm = z.object({ email: text, delivery: choice(["email", "copy"], "email"), role: text });

/** POST /portal/{slug}/admin/staff: an owner or admin invites a colleague, with a role up to their own. */
export function inviteStaffHandler(deps: LinkServiceDeps & AccountDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, inviteForm);
    const invited = await inviteStaff(deps, { firm: req.tenant.firm, inviter: staffActor(req.principal.staff), emailTyped: form.email, role: form.role, delivery: form.delivery });
    if (!invited.ok) {
      const failure = invited.error;
      const alert = failure.code === "email_invalid" ? consoleWords.emailInvalid(failure.typed) : consoleWords.roleNotAllowed(failure.role);
      return render(deps.db, req, res, errorCatalogue[failure.code].status, { alert });
    }
    if (invited.value.kind === "check_address") return render(deps.db, req, res, 200);
    return render(deps.db, req, res, 200, inviteNotice(invited.value, "staff", formatterFor(req.tenant.firm)));
  };
}

const staffParams = z.object({ staffId: uuid });

function answer(db: Db, req: StaffRequest, res: Response, changed: { ok: true; value: { email: string } } | { ok: false; error: StaffChangeFailure }, notice: (email: string) => string) {
  if (!changed.ok) {
    const status = errorCatalogue[changed.error.code].status;
    return render(db, req, res, status, { alert: staffFailureWords(changed.error) });
  }
  return render(db, req, res, 200, { notice: notice(changed.value.email) });
}

/** POST /portal/{slug}/admin/staff/{id}/role: an owner gives a colleague another role. */
export function changeStaffRoleHandler(deps: AccountDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { role } = readForm(req, z.object({ role: text }));
    const changed = await changeStaffRole(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), staffId: readParams(req, staffParams, "staff_not_found").staffId, role });
    return answer(deps.db, req, res, changed, (email) => `${email} is now ${role}. It applies on their next page.`);
  };
}

const accessForm = z.object({ access: choice(["on", "off", ""], ""), confirm: text });

/** POST /portal/{slug}/admin/staff/{id}/access: an owner turns a colleague's access off (confirmed) or back on. */
export function changeStaffAccessHandler(deps: AccountDeps): Handler<StaffRequest> {
  const { db } = deps;
  return async (req, res) => {
    const form = readForm(req, accessForm);
    if (!form.access) return render(db, req, res, 400, { alert: consoleWords.accessChoice });
    if (form.access === "off" && form.confirm !== "yes" && req.principal.staff.role === "owner") return render(db, req, res, 400, { alert: consoleWords.confirmFirst("turn this colleague's access off") });
    const changed = await setStaffAccess(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), staffId: readParams(req, staffParams, "staff_not_found").staffId, access: form.access });
    return answer(db, req, res, changed, (email) => (form.access === "off" ? `${email}'s console access is off. Their open sessions end on their next page.` : `${email}'s console access is back on.`));
  };
}
