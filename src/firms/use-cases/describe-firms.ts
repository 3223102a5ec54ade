import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";

/** A firm as an operator sees it in a list. */
export interface FirmListItem {
  id: string;
  slug: string;
  name: string;
  disabled: boolean;
  createdAt: Date;
}

/** One firm in full: where its portal lives, its PSA, who is on it (counts only, never a secret). */
export interface FirmDetails extends FirmListItem {
  domains: string[];
  formerSlugs: string[];
  disabledAt: Date | null;
  disabledBy: string | null;
  psa: string | null;
  clients: { invited: number; active: number; disabled: number };
  staff: number;
  apiTokens: number;
  /** The uploaded logo (use-cases/firm-logo.ts), without its bytes; null: the portal shows the firm's name alone. */
  logo: { sha256: string; contentType: string; bytes: number } | null;
}

const listItem = (firm: Firm): FirmListItem => ({ id: firm.id, slug: firm.slug, name: firm.name, disabled: firm.disabledAt !== null, createdAt: firm.createdAt });

export async function listFirms(db: Db): Promise<FirmListItem[]> {
  return (await db.firm.findMany({ orderBy: { slug: "asc" } })).map(listItem);
}

export async function describeFirm(db: Db, firm: Firm): Promise<FirmDetails> {
  const [domains, aliases, byStatus, staff, apiTokens, logos] = await Promise.all([
    db.firmDomain.findMany({ where: { firmId: firm.id }, orderBy: { createdAt: "asc" } }),
    db.firmSlugAlias.findMany({ where: { firmId: firm.id }, orderBy: { retiredAt: "desc" } }),
    db.portalAccount.groupBy({ by: ["status"], where: { firmId: firm.id }, _count: { _all: true } }),
    db.staffAccount.count({ where: { firmId: firm.id, status: { not: "disabled" } } }),
    db.apiToken.count({ where: { firmId: firm.id, revokedAt: null } }),
    // Its size, not its bytes (up to 200 KB).
    db.$queryRawUnsafe<Array<{ sha256: string; contentType: string; bytes: number }>>(`SELECT sha256, "contentType", octet_length(bytes)::int AS bytes FROM "FirmLogo" WHERE "firmId" = $1::uuid`, firm.id),
  ]);
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  return {
    ...listItem(firm),
    domains: domains.map((row) => row.domain),
    formerSlugs: aliases.map((row) => row.slug),
    disabledAt: firm.disabledAt,
    disabledBy: firm.disabledBy,
    psa: firm.connectorKind,
    clients: { invited: count("invited"), active: count("active"), disabled: count("disabled") },
    staff,
    apiTokens,
    logo: logos[0] ?? null,
  };
}
