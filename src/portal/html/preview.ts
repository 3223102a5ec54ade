import type { Response } from "express";
import { z } from "zod";
import { staffActor } from "../../accounts/actor";
import { HttpError } from "../../platform/errors";
import { csrfToken } from "../../platform/http/csrf";
import { readParams, readQuery, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import type { DecideAccessDeps, PortalAccess } from "../use-cases/decide-portal-access";
import { previewAsClient } from "../use-cases/preview-as-client";
import type { PreviewedPage } from "../use-cases/preview-as-client";
import { portalChrome, sendProjectList, sendProjectPage, sendWithoutProjects } from "./projects";
import type { PortalPageDeps } from "./projects";
import type { PortalChrome } from "./projects-page";

export type PreviewDeps = PortalPageDeps & Omit<DecideAccessDeps, "recentlyClear">;

const previewParams = z.object({ accountId: text, id: text });
const previewQuery = z.object({ company: text, show: text, sort: text });

/**
 * "Preview as this client", for staff: the client's own pages, decided exactly as on the client's page load (their
 * companies, their template), read-only. The company is a link parameter, never stored; no access flag is raised
 * or closed; every page says it is a preview, and is recorded in the staff-action log. Another firm's client reads
 * as no such client.
 */
type Ready = Extract<PortalAccess, { kind: "ready" }>;

async function previewOf(deps: PreviewDeps, req: StaffRequest, res: Response, viewing: PreviewedPage, show: (chrome: PortalChrome, access: Ready) => Promise<void>) {
  const { tenant } = req;
  const { accountId } = readParams(req, previewParams);
  const query = readQuery(req, previewQuery);
  const input = { firm: tenant.firm, actor: staffActor(req.principal.staff), accountId, chosenCompany: query.company || undefined, viewing };
  const previewed = await previewAsClient(deps, input);
  if (!previewed.ok) throw new HttpError(previewed.error.code);
  const { account, access } = previewed.value;
  const pagesPath = `${tenant.basePath}/admin/clients/${account.id}/preview`;
  const backHref = `${tenant.basePath}/admin/clients?email=${encodeURIComponent(account.email)}`;
  const note = account.status === "active" ? undefined : `This client cannot sign in now (${account.status === "disabled" ? "their access is turned off" : "their invite was never claimed"}): this is what they would see once they can.`;
  const chrome = portalChrome(tenant.firm, { basePath: tenant.basePath, email: req.principal.staff.email, csrfToken: csrfToken(req), pagesPath, preview: { clientEmail: account.email, backHref, note, company: query.company || undefined } });
  res.set("Cache-Control", "no-store");
  if (sendWithoutProjects(res, chrome, access, account.email, req.originalUrl) || access.kind !== "ready") return;
  await show(chrome, access);
}

/** GET admin/clients/{accountId}/preview: the client's list of projects. */
export function previewClientProjects(deps: PreviewDeps): Handler<StaffRequest> {
  return (req, res) => previewOf(deps, req, res, { page: "projects" }, (chrome, access) => sendProjectList(deps, res, chrome, access, readQuery(req, previewQuery)));
}

/** GET admin/clients/{accountId}/preview/projects/{id}: one of the client's project pages. */
export function previewClientProject(deps: PreviewDeps): Handler<StaffRequest> {
  return (req, res) => {
    const projectId = readParams(req, previewParams).id;
    return previewOf(deps, req, res, { page: "project", projectId }, (chrome, access) => sendProjectPage(deps, res, chrome, access, projectId));
  };
}

