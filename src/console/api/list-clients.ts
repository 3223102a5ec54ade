import { z } from "zod";
import type { Config } from "../../../config";
import { portalTemplates } from "../../../config/templates";
import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { pageOf, pageQuery } from "../../platform/admin-api/pagination";
import { defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { clientSignInUrl, firstDomain } from "../../access-links/link-url";
import { isClientListCursor, listClients } from "../use-cases/list-clients";
import type { ClientRow } from "../use-cases/list-clients";

const clientListItem = z.object({
  id: z.uuid(),
  email: z.string(),
  status: z.enum(["invited", "active", "disabled"]),
  statusReason: z.string().nullable().describe("why access is off (disabled clients)"),
  companies: z.array(z.string()).describe("the client's companies per the PSA's last snapshot (the sync's), not a live PSA call"),
  templateOverride: z.enum(portalTemplates).nullable().describe("the client's own template; null: the company's or the firm's"),
  lastSignInAt: z.iso.datetime().nullable(),
  openFlags: z.number().int().describe("open access problems (flags) for the client"),
  portalUrl: z.string().describe("the client's own sign-in address, their email filled in"),
});

/** GET /api/admin/v1/clients: every client of the firm, with the console's search and filters, a page at a time in email order. */
export const listClientsEndpoint = defineAdminEndpoint({
  method: "get",
  path: "/clients",
  tag: "clients",
  summary: "The firm's clients in email order: status, the PSA's companies, template, last sign-in, open flags, each one's portal link; search and filters",
  roles: "owners, admins and support",
  // A client-list cursor holds the last address of the page (up to 320 characters), so it may be longer than others.
  query: pageQuery.extend({
    cursor: z.string().max(1000).optional().describe("the nextCursor of the previous page"),
    search: z.string().max(400).optional().describe("part of the address, any case"),
    status: z.enum(["invited", "active", "disabled"]).optional(),
    flagged: z.enum(["true", "false"]).optional().describe("true: only clients with open flags"),
  }),
  response: pageOf(clientListItem),
  errors: [],
  async handle(deps: { db: Db; config: Config }, { caller, query }) {
    const { firm } = caller;
    if (query.cursor !== undefined && !isClientListCursor(query.cursor)) return refuse("validation_failed", "cursor: not a cursor this API gave out", "cursor");
    const filter = { search: query.search?.trim().slice(0, 320) ?? null, status: query.status ?? null, flagged: query.flagged === "true" };
    const [page, domains] = await Promise.all([
      listClients(deps.db, { firm, filter, cursor: query.cursor, limit: query.limit }),
      deps.db.firmDomain.findMany({ where: { firmId: firm.id }, ...firstDomain }),
    ]);
    const present = (row: ClientRow): z.infer<typeof clientListItem> => ({
      id: row.id,
      email: row.email,
      status: row.status,
      statusReason: row.statusReason,
      companies: row.companies,
      templateOverride: row.templateOverride,
      lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
      openFlags: row.openFlags,
      portalUrl: clientSignInUrl(deps.config, { slug: firm.slug, domains }, row.email),
    });
    return answer({ items: page.items.map(present), nextCursor: page.next });
  },
});
