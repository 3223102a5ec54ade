import type { Response } from "express";
import { z } from "zod";
import { HttpError } from "../../platform/errors";
import { firmContact } from "../../platform/html/firm-contact";
import type { FirmContact } from "../../platform/html/firm-contact";
import { readQuery, text } from "../../platform/http/parse-input";
import type { Handler } from "../../platform/http/portal-router";
import { clientNotice } from "../../access-problems/access-problem-words";
import { portalWords } from "../html/words";
import type { PageRequest } from "../portal-access";
import type { CompanyResolver } from "../company-resolver";
import { listVisibleProjects } from "../use-cases/list-visible-projects";
import type { VisibleProjects } from "../use-cases/list-visible-projects";
import type { PortalAccess } from "../use-cases/decide-portal-access";

type Ready = Extract<PortalAccess, { kind: "ready" }>;

/** The JSON for a page load with nothing to list; false when the access is ready and projects can be listed. */
export function answerJsonWithoutProjects(req: PageRequest, res: Response): boolean {
  const { access } = req;
  const contact = firmContact(req.tenant.firm);
  if (access.kind === "unavailable") throw new HttpError("psa_unavailable");
  if (access.kind === "not_connected") {
    res.json({ projects: [], notice: { code: "psa_not_connected", message: portalWords.notConnected(req.tenant.firm.name) }, contact });
    return true;
  }
  if (access.kind === "problem") {
    const notice = clientNotice(access.problem, req.tenant.firm.name, req.principal.account.email);
    if (notice.code === "access_refused") throw new HttpError("access_refused", notice.message);
    res.json({ projects: [], notice: { code: notice.code, message: notice.message, next: notice.next }, contact, asOf: access.asOf.toISOString(), stale: access.stale });
    return true;
  }
  return false;
}

/** The list's JSON: the same projects, fields and sections as the HTML, and nothing the template hides. */
export function projectsJson(access: Ready, visible: VisibleProjects, contact: FirmContact) {
  return {
    company: { id: access.company.externalId, name: access.company.name },
    companies: access.companies.map((c) => ({ id: c.externalId, name: c.name })),
    template: access.template.template,
    sections: access.template.sections,
    view: visible.view,
    counts: visible.counts,
    asOf: visible.asOf.toISOString(),
    stale: visible.stale,
    projects: visible.projects.map((p) => p.presented),
    contact,
  };
}

/** The list's filter and order as asked for (?show=open&sort=name); anything else is the default view. */
export const listQuery = z.object({ show: text, sort: text });

/** GET /portal/{slug}/api/projects: the chosen company's projects, only the template's fields and sections. */
export function listProjectsJson(resolver: CompanyResolver, now: () => Date = () => new Date()): Handler<PageRequest> {
  return async (req, res) => {
    if (answerJsonWithoutProjects(req, res) || req.access.kind !== "ready") return;
    const visible = await listVisibleProjects(resolver, req.tenant.firm, req.access, { asked: readQuery(req, listQuery), now: now() });
    if (!visible) throw new HttpError("psa_unavailable");
    res.json(projectsJson(req.access, visible, firmContact(req.tenant.firm)));
  };
}
