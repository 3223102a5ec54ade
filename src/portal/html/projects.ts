import type { Response } from "express";
import { z } from "zod";
import { HttpError } from "../../platform/errors";
import { html } from "../../platform/html/html";
import { csrfToken } from "../../platform/http/csrf";
import { readForm, readParams, text } from "../../platform/http/parse-input";
import type { Handler } from "../../platform/http/portal-router";
import { wantsJson } from "../../platform/http/send-error";
import { clientNotice } from "../../access-problems/access-problem-words";
import { answerJsonWithoutProjects, projectsJson, visibleProjectsOr } from "../api/projects";
import type { CompanyResolver } from "../company-resolver";
import type { PageRequest } from "../portal-access";
import { messagePage, projectsPage } from "./projects-page";
import type { PortalChrome } from "./projects-page";
import { projectPage } from "./project-page";
import { portalWords } from "./words";

function chromeOf(req: PageRequest): PortalChrome {
  return { firm: req.tenant.firm, basePath: req.tenant.basePath, email: req.principal.account.email, csrfToken: csrfToken(req) };
}

/** The page for a page load with nothing to list (the PSA down, not connected, an access problem); false otherwise. */
function answerWithoutProjects(req: PageRequest, res: Response): boolean {
  if (wantsJson(req)) return answerJsonWithoutProjects(req, res);
  const { access } = req;
  const chrome = chromeOf(req);
  if (access.kind === "unavailable") {
    const retry = html`<p><a class="button" href="${req.originalUrl}">Try again</a></p>`;
    res.status(503).type("html").send(messagePage(chrome, portalWords.unavailableTitle, portalWords.unavailable(chrome.firm.name), retry));
    return true;
  }
  if (access.kind === "not_connected") {
    res.type("html").send(messagePage(chrome, portalWords.notConnectedTitle, portalWords.notConnected(chrome.firm.name)));
    return true;
  }
  if (access.kind === "problem") {
    const notice = clientNotice(access.problem, chrome.firm.name, chrome.email);
    res.status(notice.status).type("html").send(messagePage(chrome, notice.title, notice.message));
    return true;
  }
  return false;
}

/** GET /portal/{slug}/: the chosen company's active projects, through the template. */
export function listProjects(resolver: CompanyResolver): Handler<PageRequest> {
  return async (req, res) => {
    const page = await visibleProjectsOr(answerWithoutProjects, resolver, req, res);
    if (!page) return;
    const { access, visible } = page;
    if (wantsJson(req)) {
      res.json(projectsJson(access, visible));
      return;
    }
    const active = visible.projects.filter((p) => p.record.active).map((p) => p.presented);
    res.type("html").send(projectsPage(chromeOf(req), { company: access.company, companies: access.companies, projects: active, fields: access.template.fields, asOf: visible.asOf, stale: visible.stale }));
  };
}

const projectParams = z.object({ id: text });

/** GET /portal/{slug}/projects/{id}: one project of the chosen company; any other id is the same 404 as a missing one. */
export function showProject(resolver: CompanyResolver): Handler<PageRequest> {
  return async (req, res) => {
    const page = await visibleProjectsOr(answerWithoutProjects, resolver, req, res);
    if (!page) return;
    const { access, visible } = page;
    const { id } = readParams(req, projectParams);
    const found = visible.projects.find((p) => p.record.externalId === id);
    if (!found) throw new HttpError("not_found");
    if (wantsJson(req)) {
      res.json({ project: found.presented, asOf: visible.asOf.toISOString(), stale: visible.stale });
      return;
    }
    res.type("html").send(projectPage(chromeOf(req), { project: found.presented, companyName: access.company.name, fields: access.template.fields, asOf: visible.asOf, stale: visible.stale }));
  };
}

const companyForm = z.object({ company: text });

/** POST /portal/{slug}/company: pick one of the companies the PSA links this person to. */
export const switchCompany: Handler<PageRequest> = (req, res) => {
  const { company } = readForm(req, companyForm);
  if (req.access.kind !== "ready" || !req.access.companies.some((c) => c.externalId === company)) throw new HttpError("validation_failed", portalWords.notYourCompany);
  req.session.companyExternalId = company;
  res.redirect(303, `${req.tenant.basePath}/`);
};
