import type { Db } from "../platform/db/prisma";
import type { Firm } from "../generated/prisma/client";
import { hashPassword } from "../sign-in/passwords";
import { DEMO_PASSWORD, demoFirm, demoPortalAccounts, demoStaff } from "../../config/demo";
import { normalizeEmail } from "../../connectors/shared/normalize-email";

/**
 * Create the demo firm, its accounts, its companies' templates and its staff admin on first start. If a firm
 * with the demo slug already exists nothing is touched, so restarting never duplicates or resets what someone changed.
 */
export async function ensureDemoFirm(db: Db): Promise<{ created: boolean; firm: Firm }> {
  const existing = await db.firm.findUnique({ where: { slug: demoFirm.slug } });
  if (existing) return { created: false, firm: existing };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  const firm = await db.$transaction(async (tx) => {
    const firm = await tx.firm.create({
      data: {
        slug: demoFirm.slug,
        name: demoFirm.name,
        defaultTemplate: demoFirm.defaultTemplate,
        connectorKind: demoFirm.connectorKind,
        connectorSettings: demoFirm.connectorSettings,
        settings: demoFirm.settings,
        // The operator's choice (a folder on the gateway's disk), kept so the console can offer it again after a switch.
        operatorPsaSettings: { [demoFirm.connectorKind]: demoFirm.connectorSettings },
      },
    });
    await tx.portalAccount.createMany({
      data: demoPortalAccounts.map((account) => ({
        firmId: firm.id,
        email: normalizeEmail(account.email),
        displayName: account.displayName,
        passwordHash,
        status: "active" as const,
        emailConfirmedAt: now,
        statusChangedBy: "demo seed",
        statusChangedAt: now,
      })),
    });
    await tx.companyPortalSetting.createMany({
      data: Object.entries(demoFirm.companyTemplates).map(([companyExternalId, template]) => ({ firmId: firm.id, companyExternalId, template })),
    });
    await tx.staffAccount.create({
      data: { firmId: firm.id, email: demoStaff.email, displayName: demoStaff.displayName, role: demoStaff.role, status: "active", passwordHash },
    });
    return firm;
  });
  return { created: true, firm };
}
