import type { Response } from "express";
import { z } from "zod";
import { clientOfFirm } from "../../console/client-of-firm";
import { HttpError } from "../../platform/errors";
import { csrfToken } from "../../platform/http/csrf";
import { readParams, readQuery, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { decidePortalAccess } from "../use-cases/decide-portal-access";
import type { DecideAccessDeps, PortalAccess } from "../use-cases/decide-portal-access";
import { portalChrome, sendProjectList, sendProjectPage, sendWithoutProjects } from "./projects";
import type { PortalPageDeps } from "./projects";
import type { PortalChrome } from "./projects-page";

export type PreviewDeps = PortalPageDeps & Omit<DecideAccessDeps, "recentlyClear">;

/** A preview closes no client's flags: nothing is remembered for it. */
const noMemory = { has: () => true, set: () => undefined, delete: () => undefined };

const previewParams = z.object({ accountId: text, id: text });
const previewQuery = z.object({ company: text, show: text, sort: text });

/**
 * "Preview as this client", for staff: the client's own pages, decided exactly as on the client's page load (their
 * companies, their template), read-only. The company is a link parameter, never stored; no access flag is raised
 * or closed; every page says it is a preview. Another firm's client reads as no such client.
 */
type Ready = Extract<PortalAccess, { kind: "ready" }>;

async function previewOf(deps: PreviewDeps, req: StaffRequest, res: Response, show: (chrome: PortalChrome, access: Ready) => Promise<void>) {
  const { tenant } = req;
  const { accountId } = readParams(req, previewParams);
  const client = await clientOfFirm(deps.db, tenant.firm.id, accountId);
  if (!client.ok) throw new HttpError(client.error.code);
  const account = client.value;
  const query = readQuery(req, previewQuery);
  const access = await decidePortalAccess({ ...deps, recentlyClear: noMemory }, { firm: tenant.firm, account, chosenCompany: query.company || undefined, observeOnly: true });
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
  return (req, res) => previewOf(deps, req, res, (chrome, access) => sendProjectList(deps, res, chrome, access, readQuery(req, previewQuery)));
}

/** GET admin/clients/{accountId}/preview/projects/{id}: one of the client's project pages. */
export function previewClientProject(deps: PreviewDeps): Handler<StaffRequest> {
  return (req, res) => previewOf(deps, req, res, (chrome, access) => sendProjectPage(deps, res, chrome, access, readParams(req, previewParams).id));
}

