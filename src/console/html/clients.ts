import type { Response } from "express";
import { z } from "zod";
import { choice, readQuery, text } from "../../platform/http/parse-input";
import type { StaffRequest } from "../../platform/http/portal-router";
import { formatterFor } from "../../firms/firm-presentation";
import { firstDomain, portalUrl } from "../../access-links/link-url";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { listClients } from "../use-cases/list-clients";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";
import { consoleChrome } from "./console-chrome";
import { clientsPage } from "./clients-page";
import { templateLabel } from "./words";
import type { Outcome } from "./console-layout";

/**
 * The list's filters and page: read from the query string on GET, and from a row action's hidden fields on POST,
 * so an action lands back on the list the person was looking at.
 */
export const listState = z.object({ search: text, status: choice(["", "invited", "active", "disabled"], ""), flagged: text, cursor: text });
export type ListState = z.output<typeof listState>;

/** What a row action did, shown above the list: its status, and the notice or alert naming the client. */
export interface ListAnswer extends Outcome {
  status?: number;
}

/** GET /portal/{slug}/admin/clients (no address asked): every client, searchable, filtered and paged; and where a row action lands. */
export async function showClientList(deps: DiagnoseDeps, req: StaffRequest, res: Response, state: ListState = readQuery(req, listState), answer: ListAnswer = {}): Promise<void> {
  const { firm, basePath } = req.tenant;
  const filter = { search: state.search.trim().slice(0, 320), status: state.status, flagged: state.flagged === "yes" };
  const [page, domains] = await Promise.all([
    listClients(deps.db, { firm, filter: { ...filter, status: filter.status || null }, cursor: state.cursor }),
    deps.db.firmDomain.findMany({ where: { firmId: firm.id }, ...firstDomain }),
  ]);
  const portal = portalUrl(deps.config, { slug: firm.slug, domains });
  const format = formatterFor(firm);
  const params = (cursor: string) => new URLSearchParams({ ...(filter.search ? { search: filter.search } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.flagged ? { flagged: "yes" } : {}), cursor });
  const { status = 200, ...shown } = answer;
  res.status(status).type("html").send(
    clientsPage({
      ...(await consoleChrome(deps.db, req, "clients")),
      ...shown,
      filter,
      cursor: state.cursor,
      canChangeAccess: isOwnerOrAdmin(req.principal.staff),
      psaConnected: firm.connectorKind !== null,
      rows: page.items.map((c) => ({
        id: c.id,
        email: c.email,
        status: c.status,
        reason: c.status === "disabled" ? c.statusReason : null,
        companies: c.companies,
        template: c.templateOverride ? templateLabel(c.templateOverride) : "the company's or firm's",
        lastSignIn: c.lastSignInAt ? format.dateTime(c.lastSignInAt) : "never",
        openFlags: c.openFlags,
        portalUrl: `${portal}/login?${new URLSearchParams({ email: c.email }).toString()}`,
      })),
      nextHref: page.next ? `${basePath}/admin/clients?${params(page.next).toString()}` : null,
    }),
  );
}
