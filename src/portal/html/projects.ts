import type { Response } from "express";
import { z } from "zod";
import type { Firm } from "../../generated/prisma/client";
import { firmPortalSettings } from "../../../config/firm-settings";
import { HttpError } from "../../platform/errors";
import { firmContact } from "../../platform/html/firm-contact";
import { html } from "../../platform/html/html";
import { csrfToken } from "../../platform/http/csrf";
import { readForm, readParams, readQuery, text } from "../../platform/http/parse-input";
import type { Handler } from "../../platform/http/portal-router";
import { wantsJson } from "../../platform/http/send-error";
import { clientNotice } from "../../access-problems/access-problem-words";
import { answerJsonWithoutProjects, listProjectsJson, listQuery } from "../api/projects";
import type { CompanyResolver } from "../company-resolver";
import type { PageRequest } from "../portal-access";
import type { PortalAccess } from "../use-cases/decide-portal-access";
import { listVisibleProjects, showVisibleProject } from "../use-cases/list-visible-projects";
import { messagePage, projectsPage } from "./projects-page";
import type { PortalChrome } from "./projects-page";
import { projectPage } from "./project-page";
import { portalWords } from "./words";

type Ready = Extract<PortalAccess, { kind: "ready" }>;

export interface PortalPageDeps {
  resolver: CompanyResolver;
  now?: () => Date;
}

/** What every page of a client's portal shows around its content: the firm, whom to ask, the firm's time zone. */
export function portalChrome(firm: Firm, parts: { basePath: string; email: string; csrfToken: string; pagesPath: string; preview?: PortalChrome["preview"] }): PortalChrome {
  return { firm, ...parts, timeZone: firmPortalSettings(firm.settings).timeZone, contact: firmContact(firm) };
}

function chromeOf(req: PageRequest): PortalChrome {
  const { basePath } = req.tenant;
  return portalChrome(req.tenant.firm, { basePath, email: req.principal.account.email, csrfToken: csrfToken(req), pagesPath: basePath });
}

/** The page for a page load with nothing to list (the PSA down, not connected, an access problem); false otherwise. */
export function sendWithoutProjects(res: Response, chrome: PortalChrome, access: PortalAccess, clientEmail: string, retryHref: string): boolean {
  const firmName = chrome.firm.name;
  if (access.kind === "unavailable") {
    const retry = html`<p><a class="button" href="${retryHref}">Try again</a></p>`;
    res.status(503).type("html").send(messagePage(chrome, portalWords.unavailableTitle, portalWords.unavailable(firmName), retry));
    return true;
  }
  if (access.kind === "not_connected") {
    res.type("html").send(messagePage(chrome, portalWords.notConnectedTitle, portalWords.notConnected(firmName)));
    return true;
  }
  if (access.kind === "problem") {
    const notice = clientNotice(access.problem, firmName, clientEmail);
    res.status(notice.status).type("html").send(messagePage(chrome, notice.title, notice.message, html`<p>${notice.next}</p>`));
    return true;
  }
  return false;
}

export async function sendProjectList(deps: PortalPageDeps, res: Response, chrome: PortalChrome, access: Ready, asked: { show?: string; sort?: string }): Promise<void> {
  const visible = await listVisibleProjects(deps.resolver, chrome.firm, access, { asked, now: deps.now?.() ?? new Date() });
  if (!visible) throw new HttpError("psa_unavailable");
  const projects = visible.projects.map((p) => p.presented);
  res.type("html").send(projectsPage(chrome, { company: access.company, companies: access.companies, projects, view: visible.view, counts: visible.counts, showClosed: visible.showClosed, asOf: visible.asOf, stale: visible.stale }));
}

export async function sendProjectPage(deps: PortalPageDeps, res: Response, chrome: PortalChrome, access: Ready, projectId: string, asJson = false): Promise<void> {
  const shown = await showVisibleProject(deps.resolver, chrome.firm, access, { projectId, now: deps.now?.() ?? new Date() });
  if (!shown.ok) throw new HttpError(shown.error.code);
  const { project, detailsUnavailable, asOf, stale } = shown.value;
  if (asJson) {
    res.json({ project: project.presented, sections: access.template.sections, ...(detailsUnavailable ? { detailsUnavailable } : {}), asOf: asOf.toISOString(), stale, contact: chrome.contact });
    return;
  }
  res.type("html").send(projectPage(chrome, { project: project.presented, companyName: access.company.name, sections: access.template.sections, detailsUnavailable, asOf, stale }));
}

/** GET /portal/{slug}/: the chosen company's projects through the template, filtered and sorted as asked. */
export function listProjects(deps: PortalPageDeps): Handler<PageRequest> {
  const json = listProjectsJson(deps.resolver, deps.now);
  return async (req, res, next) => {
    if (wantsJson(req)) return json(req, res, next);
    const chrome = chromeOf(req);
    if (sendWithoutProjects(res, chrome, req.access, req.principal.account.email, req.originalUrl) || req.access.kind !== "ready") return;
    await sendProjectList(deps, res, chrome, req.access, readQuery(req, listQuery));
  };
}

export const projectParams = z.object({ id: text });

/** GET /portal/{slug}/projects/{id}: one project of the chosen company; any other id is the same 404 as a missing one. */
export function showProject(deps: PortalPageDeps): Handler<PageRequest> {
  return async (req, res) => {
    const { id } = readParams(req, projectParams);
    if (wantsJson(req) ? answerJsonWithoutProjects(req, res) : sendWithoutProjects(res, chromeOf(req), req.access, req.principal.account.email, req.originalUrl)) return;
    if (req.access.kind !== "ready") return;
    await sendProjectPage(deps, res, chromeOf(req), req.access, id, wantsJson(req));
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
