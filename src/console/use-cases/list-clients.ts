import { z } from "zod";
import type { AccountStatus, Firm, PortalTemplate } from "../../generated/prisma/client";
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { decodeCursor, pageOf } from "../../platform/paging";
import type { Page } from "../../platform/paging";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";

/**
 * The firm's clients, a page at a time: every portal account with its status, the company the PSA names for it
 * (from the PSA snapshot tables, never a live PSA call per row), its template override, last sign-in and open
 * flags. Pages are keyset pages in email order (index PortalAccount(firmId, status, email)), so page 200 of
 * 10,000 clients costs what page 1 does, and a page is a fixed number of queries whatever its size.
 */
export interface ClientRow {
  id: string;
  email: string;
  status: AccountStatus;
  statusReason: string | null;
  templateOverride: PortalTemplate | null;
  lastSignInAt: Date | null;
  companies: string[];
  openFlags: number;
}

export interface ClientFilter {
  /** Part of the address, any case. */
  search?: string | null;
  status?: AccountStatus | null;
  /** Only clients with open flags. */
  flagged?: boolean;
}

const cursorShape = z.object({ email: z.string().max(320) });
/** Whether a cursor is one this listing gave out (the API refuses others instead of starting over). */
export const isClientListCursor = (cursor: string): boolean => decodeCursor(cursor, cursorShape) !== null;

export async function listClients(db: Db, input: { firm: Pick<Firm, "id" | "connectorKind">; filter: ClientFilter; cursor?: string | null; limit?: number }): Promise<Page<ClientRow>> {
  const { firm, filter } = input;
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const after = decodeCursor(input.cursor, cursorShape);
  const search = normalizeEmail(filter.search ?? "");
  const where: Prisma.PortalAccountWhereInput = {
    firmId: firm.id,
    ...(filter.status ? { status: filter.status } : {}),
    ...(search ? { email: { contains: search } } : {}),
    ...(filter.flagged ? { accessFlags: { some: { status: "open" } } } : {}),
    ...(after ? { AND: [{ email: { gt: after.email } }] } : {}),
  };
  const accounts = await db.portalAccount.findMany({
    where,
    orderBy: { email: "asc" },
    take: limit + 1,
    select: { id: true, email: true, status: true, statusReason: true, templateOverride: true, lastSignInAt: true },
  });
  const page = pageOf(accounts, limit, (row) => ({ email: row.email }));
  const ids = page.items.map((row) => row.id);
  const emails = page.items.map((row) => row.email);
  const [flags, companiesByEmail] = await Promise.all([
    ids.length ? db.accessFlag.groupBy({ by: ["portalAccountId"], where: { firmId: firm.id, status: "open", portalAccountId: { in: ids } }, _count: { _all: true } }) : [],
    companiesOf(db, firm, emails),
  ]);
  const flagCount = new Map(flags.map((row) => [row.portalAccountId, row._count._all]));
  return {
    next: page.next,
    items: page.items.map((row) => ({ ...row, companies: companiesByEmail.get(row.email) ?? [], openFlags: flagCount.get(row.id) ?? 0 })),
  };
}

/** The PSA's companies for each address, from the snapshot: two queries for the whole page. */
async function companiesOf(db: Db, firm: Pick<Firm, "id" | "connectorKind">, emails: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!firm.connectorKind || emails.length === 0) return out;
  const scope = { firmId: firm.id, connectorKind: firm.connectorKind, archivedAt: null };
  const contacts = await db.psaContactSnapshot.findMany({ where: { ...scope, active: true, emails: { hasSome: emails } }, select: { emails: true, companyExternalIds: true } });
  const companyIds = [...new Set(contacts.flatMap((contact) => contact.companyExternalIds))];
  const companies = companyIds.length ? await db.psaCompanySnapshot.findMany({ where: { ...scope, externalId: { in: companyIds } }, select: { externalId: true, name: true } }) : [];
  const nameOf = new Map(companies.map((company) => [company.externalId, company.name]));
  const wanted = new Set(emails);
  for (const contact of contacts) {
    const names = contact.companyExternalIds.map((id) => nameOf.get(id)).filter((name): name is string => !!name);
    for (const email of contact.emails.map(normalizeEmail)) if (wanted.has(email)) out.set(email, [...new Set([...(out.get(email) ?? []), ...names])]);
  }
  return out;
}
