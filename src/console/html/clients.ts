import type { Response } from "express";
import { z } from "zod";
import { choice, readQuery, text } from "../../platform/http/parse-input";
import type { StaffRequest } from "../../platform/http/portal-router";
import { formatterFor } from "../../firms/firm-presentation";
import { firstDomain, portalUrl } from "../../access-links/link-url";
import { listClients } from "../use-cases/list-clients";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";
import { consoleChrome } from "./console-chrome";
import { clientsPage } from "./clients-page";
import { templateLabel } from "./words";

const listQuery = z.object({ search: text, status: choice(["", "invited", "active", "disabled"], ""), flagged: text, cursor: text });

/** GET /portal/{slug}/admin/clients (no address asked): every client, searchable, filtered and paged. */
export async function showClientList(deps: DiagnoseDeps, req: StaffRequest, res: Response): Promise<void> {
  const query = readQuery(req, listQuery);
  const { firm, basePath } = req.tenant;
  const filter = { search: query.search.trim().slice(0, 320), status: query.status, flagged: query.flagged === "yes" };
  const [page, domains] = await Promise.all([
    listClients(deps.db, { firm, filter: { ...filter, status: filter.status || null }, cursor: query.cursor }),
    deps.db.firmDomain.findMany({ where: { firmId: firm.id }, ...firstDomain }),
  ]);
  const portal = portalUrl(deps.config, { slug: firm.slug, domains });
  const format = formatterFor(firm);
  const params = (cursor: string) => new URLSearchParams({ ...(filter.search ? { search: filter.search } : {}), ...(filter.status ? { status: filter.status } : {}), ...(filter.flagged ? { flagged: "yes" } : {}), cursor });
  res.status(200).type("html").send(
    clientsPage({
      ...(await consoleChrome(deps.db, req, "clients")),
      filter,
      psaConnected: firm.connectorKind !== null,
      rows: page.items.map((c) => ({
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
