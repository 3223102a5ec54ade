import type { Request, Response } from "express";
import { csrfToken } from "../../middleware/csrf";
import { homePage } from "../../views/home-page";
import type { Tenant } from "../../types/express";

/** GET /portal/{slug}/: the signed-in landing page. */
export function home(req: Request, res: Response): void {
  const tenant = req.tenant as Tenant;
  if (req.principal?.kind !== "portalAccount") return;
  res.type("html").send(homePage({ firmName: tenant.firm.name, basePath: tenant.basePath, email: req.principal.account.email, csrfToken: csrfToken(req) }));
}
