import type { Db } from "../../platform/db/prisma";
import { csrfToken } from "../../platform/http/csrf";
import type { StaffRequest } from "../../platform/http/portal-router";
import { countOpenFlags } from "../../access-problems/flag-access-problem";
import { tenantBrand } from "../../firms/firm-presentation";
import type { ConsoleChrome, ConsoleSection } from "./console-layout";

/** The chrome of a console page for this request: who, the firm's look, the open flags' count, the CSRF token. */
export async function consoleChrome(db: Db, req: StaffRequest, section: ConsoleSection): Promise<ConsoleChrome> {
  const { tenant } = req;
  return {
    ...tenantBrand(tenant),
    basePath: tenant.basePath,
    staffEmail: req.principal.staff.email,
    csrfToken: csrfToken(req),
    openFlags: await countOpenFlags(db, tenant.firm.id),
    section,
  };
}
