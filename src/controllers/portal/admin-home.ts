import type { Request, RequestHandler, Response } from "express";
import type { Db } from "../../db/prisma";
import { csrfToken } from "../../middleware/csrf";
import { parseDateOfBirth } from "../../links/date-of-birth";
import { correctIdentityRecord, IDENTITY_LOCK_FLAG } from "../../links/identity-check";
import { formField } from "../../links/link-route";
import { formatDateUtc } from "../../lib/format-time";
import { adminHomePage } from "../../views/admin-pages";
import type { Tenant } from "../../types/express";

async function render(db: Db, req: Request, res: Response, status: number, extra: { notice?: string; alert?: string } = {}): Promise<void> {
  const tenant = req.tenant as Tenant;
  if (req.principal?.kind !== "staff") return;
  const flags = await db.accessFlag.findMany({ where: { firmId: tenant.firm.id, kind: IDENTITY_LOCK_FLAG, status: "open" }, include: { portalAccount: true }, orderBy: { firstSeenAt: "asc" } });
  res.status(status).type("html").send(
    adminHomePage({
      firmName: tenant.firm.name,
      basePath: tenant.basePath,
      email: req.principal.staff.email,
      csrfToken: csrfToken(req),
      locked: flags.map((f) => ({ portalAccountId: f.portalAccountId, email: f.portalAccount.email, since: formatDateUtc(f.lastSeenAt) })),
      ...extra,
    }),
  );
}

/** GET /portal/{slug}/admin: staff only (a client's session, however it signed in, is sent to staff sign-in). */
export function adminHome(db: Db): RequestHandler {
  return (req, res) => render(db, req, res, 200);
}

/** POST /portal/{slug}/admin/accounts/{id}/date-of-birth: correct the record; the client's same invite link works again. */
export function correctDateOfBirth(db: Db): RequestHandler {
  return async (req, res) => {
    const tenant = req.tenant as Tenant;
    const parsed = parseDateOfBirth(formField(req, "dateOfBirth"));
    if (!parsed.ok) return render(db, req, res, 400, { alert: parsed.message });
    const id = String(req.params.accountId ?? "");
    const account = /^[0-9a-f-]{36}$/i.test(id) ? await db.portalAccount.findFirst({ where: { id, firmId: tenant.firm.id }, select: { id: true, email: true } }) : null;
    if (!account) return render(db, req, res, 404, { alert: "No such client on this portal." });
    await correctIdentityRecord(db, { firmId: tenant.firm.id, portalAccountId: account.id, dateOfBirthIso: parsed.iso });
    return render(db, req, res, 200, { notice: `Saved. ${account.email}'s invite link works again.` });
  };
}
