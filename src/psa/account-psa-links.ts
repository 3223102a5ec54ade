import type { Firm } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";

/** A portal account's PSA contact as the last sync saw it, with the companies it gives. */
export interface AccountPsaLink {
  contactExternalId: string;
  name: string;
  active: boolean;
  /** Absent from the PSA's last complete listing. */
  gone: boolean;
  companies: Array<{ externalId: string; name: string; active: boolean; gone: boolean }>;
  linkedAt: Date;
}

/** The account's links to PSA contacts (by email, kept by the sync) and each contact's companies, for the console. */
export async function describeAccountLinks(db: Db, firm: Pick<Firm, "id" | "connectorKind">, accountId: string): Promise<AccountPsaLink[]> {
  const connectorKind = firm.connectorKind ?? "";
  const links = await db.psaAccountLink.findMany({ where: { firmId: firm.id, portalAccountId: accountId, connectorKind }, orderBy: { contactExternalId: "asc" } });
  if (links.length === 0) return [];
  const scope = { firmId: firm.id, connectorKind };
  const contacts = await db.psaContactSnapshot.findMany({ where: { ...scope, externalId: { in: links.map((link) => link.contactExternalId) } } });
  const companies = await db.psaCompanySnapshot.findMany({ where: { ...scope, externalId: { in: [...new Set(contacts.flatMap((c) => c.companyExternalIds))] } } });
  const companyById = new Map(companies.map((company) => [company.externalId, company]));
  return links.flatMap((link) => {
    const contact = contacts.find((c) => c.externalId === link.contactExternalId);
    if (!contact) return [];
    const known = contact.companyExternalIds.flatMap((id) => {
      const company = companyById.get(id);
      return company ? [{ externalId: id, name: company.name, active: company.active, gone: company.archivedAt !== null }] : [];
    });
    const name = [contact.firstName, contact.lastName].filter(Boolean).join(" ");
    return [{ contactExternalId: contact.externalId, name, active: contact.active, gone: contact.archivedAt !== null, companies: known, linkedAt: link.linkedAt }];
  });
}
