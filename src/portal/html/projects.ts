import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { CompanyResolver } from "../company-resolver";
import { HttpError } from "../../platform/errors";
import { html } from "../../platform/html/html";
import { messagePage, projectsPage } from "./projects-page";
import { projectPage } from "./project-page";
import { accessProblemMessage } from "../../access-problems/access-problem-words";
import { chromeOf, loadVisibleProjects } from "../use-cases/list-visible-projects";

const wantsJson = (req: Request) => req.accepts(["html", "json"]) === "json";

/** Renders the no-projects causes and the PSA-down page; returns true when it answered. */
function answerWithoutProjects(req: Request, res: Response): boolean {
  const access = req.access;
  const chrome = chromeOf(req);
  if (!access || access.kind === "unavailable") {
    if (wantsJson(req)) throw new HttpError("psa_unavailable");
    res.status(503).type("html").send(
      messagePage(chrome, "Project information unavailable", `${chrome.firm.name}'s project system is not answering right now, and there is no recent copy to show.`, html`<p><a class="button" href="${req.originalUrl}">Try again</a></p>`),
    );
    return true;
  }
  if (access.kind === "not_connected") {
    const message = `${chrome.firm.name} has not connected this portal to their project records yet. Please check back later, or contact ${chrome.firm.name}.`;
    if (wantsJson(req)) res.json({ projects: [], notice: { code: "psa_not_connected", message } });
    else res.type("html").send(messagePage(chrome, "No project information yet", message));
    return true;
  }
  if (access.kind === "problem") {
    const shown = accessProblemMessage(access.problem, chrome.firm.name, chrome.email);
    if (wantsJson(req)) {
      if (shown.status === 403) throw new HttpError("access_refused", shown.message);
      res.json({ projects: [], notice: { code: shown.code, message: shown.message }, asOf: access.asOf.toISOString(), stale: access.stale });
    } else res.status(shown.status).type("html").send(messagePage(chrome, shown.title, shown.message));
    return true;
  }
  return false;
}

/** GET /portal/{slug}/ (HTML) and GET /portal/{slug}/api/projects (JSON): the chosen company's active projects. */
export function listProjects(resolver: CompanyResolver, format: "html" | "json"): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (answerWithoutProjects(req, res) || req.access?.kind !== "ready") return;
    const access = req.access;
    const visible = await loadVisibleProjects(resolver, req, access);
    if (!visible) return next(new HttpError("psa_unavailable"));
    const active = visible.projects.filter((p) => p.record.active).map((p) => p.presented);
    if (format === "json") {
      res.json({
        company: { id: access.company.externalId, name: access.company.name },
        companies: access.companies.map((c) => ({ id: c.externalId, name: c.name })),
        template: access.template.template,
        asOf: visible.asOf.toISOString(),
        stale: visible.stale,
        projects: active,
      });
      return;
    }
    res.type("html").send(projectsPage(chromeOf(req), { company: access.company, companies: access.companies, projects: active, fields: access.template.fields, asOf: visible.asOf, stale: visible.stale }));
  };
}

/** GET /portal/{slug}/projects/{id}: one project of the chosen company; any other id is the same 404 as a missing one. */
export function showProject(resolver: CompanyResolver): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (answerWithoutProjects(req, res) || req.access?.kind !== "ready") return;
    const access = req.access;
    const visible = await loadVisibleProjects(resolver, req, access);
    if (!visible) return next(new HttpError("psa_unavailable"));
    const found = visible.projects.find((p) => p.record.externalId === req.params.id);
    if (!found) return next(new HttpError("not_found"));
    if (wantsJson(req)) {
      res.json({ project: found.presented, asOf: visible.asOf.toISOString(), stale: visible.stale });
      return;
    }
    res.type("html").send(projectPage(chromeOf(req), { project: found.presented, companyName: access.company.name, fields: access.template.fields, asOf: visible.asOf, stale: visible.stale }));
  };
}

/** POST /portal/{slug}/company: pick one of the companies the PSA links this person to. */
export function switchCompany(req: Request, res: Response, next: NextFunction): void {
  const wanted = typeof req.body?.company === "string" ? req.body.company : "";
  const access = req.access;
  if (access?.kind !== "ready" || !access.companies.some((c) => c.externalId === wanted)) {
    return next(new HttpError("validation_failed", "That company is not one of yours. Pick one from the list."));
  }
  req.session.companyExternalId = wanted;
  res.redirect(303, `${req.tenant?.basePath}/`);
}
