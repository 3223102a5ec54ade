import type { Response } from "express";
import { HttpError } from "../../platform/errors";
import { clientNotice } from "../../access-problems/access-problem-words";
import { portalWords } from "../html/words";
import type { PageRequest } from "../portal-access";
import type { CompanyResolver } from "../company-resolver";
import type { Handler } from "../../platform/http/portal-router";
import { listVisibleProjects } from "../use-cases/list-visible-projects";
import type { VisibleProjects } from "../use-cases/list-visible-projects";
import type { PortalAccess } from "../use-cases/decide-portal-access";

type Ready = Extract<PortalAccess, { kind: "ready" }>;

/** The JSON for a page load with nothing to list; false when the access is ready and projects can be listed. */
export function answerJsonWithoutProjects(req: PageRequest, res: Response): boolean {
  const { access } = req;
  if (access.kind === "unavailable") throw new HttpError("psa_unavailable");
  if (access.kind === "not_connected") {
    res.json({ projects: [], notice: { code: "psa_not_connected", message: portalWords.notConnected(req.tenant.firm.name) } });
    return true;
  }
  if (access.kind === "problem") {
    const notice = clientNotice(access.problem, req.tenant.firm.name, req.principal.account.email);
    if (notice.code === "access_refused") throw new HttpError("access_refused", notice.message);
    res.json({ projects: [], notice: { code: notice.code, message: notice.message }, asOf: access.asOf.toISOString(), stale: access.stale });
    return true;
  }
  return false;
}

export function projectsJson(access: Ready, visible: VisibleProjects) {
  return {
    company: { id: access.company.externalId, name: access.company.name },
    companies: access.companies.map((c) => ({ id: c.externalId, name: c.name })),
    template: access.template.template,
    asOf: visible.asOf.toISOString(),
    stale: visible.stale,
    projects: visible.projects.filter((p) => p.record.active).map((p) => p.presented),
  };
}

/**
 * The page load's projects, for a handler to show; null when `answerWithout` already answered (nothing to list).
 * A PSA that gives nothing usable is the catalogue's psa_unavailable.
 */
export async function visibleProjectsOr(
  answerWithout: (req: PageRequest, res: Response) => boolean,
  resolver: CompanyResolver,
  req: PageRequest,
  res: Response,
): Promise<{ access: Ready; visible: VisibleProjects } | null> {
  if (answerWithout(req, res) || req.access.kind !== "ready") return null;
  const visible = await listVisibleProjects(resolver, req.tenant.firm, req.access);
  if (!visible) throw new HttpError("psa_unavailable");
  return { access: req.access, visible };
}

/** GET /portal/{slug}/api/projects: the chosen company's active projects, only the template's fields. */
export function listProjectsJson(resolver: CompanyResolver): Handler<PageRequest> {
  return async (req, res) => {
    const page = await visibleProjectsOr(answerJsonWithoutProjects, resolver, req, res);
    if (page) res.json(projectsJson(page.access, page.visible));
  };
}
