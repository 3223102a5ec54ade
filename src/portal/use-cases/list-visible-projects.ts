import type { Firm } from "../../generated/prisma/client";
import type { CompanyResolver } from "../company-resolver";
import type { ProjectRecord } from "../company-answers";
import { presentProject } from "../present-project";
import type { PresentedProject } from "../present-project";
import type { PortalAccess } from "./decide-portal-access";

type Ready = Extract<PortalAccess, { kind: "ready" }>;

export interface VisibleProjects {
  projects: Array<{ record: ProjectRecord; presented: PresentedProject }>;
  asOf: Date;
  stale: boolean;
}

/** The chosen company's projects, each cut down to the template's fields. Null when the PSA gave nothing usable. */
export async function listVisibleProjects(resolver: CompanyResolver, firm: Firm, access: Ready): Promise<VisibleProjects | null> {
  const lookup = await resolver.listProjects(firm, access.company.externalId);
  if (!lookup.ok) return null;
  return {
    // A project listed under another company never shows here, whatever the PSA's company filter did.
    projects: lookup.value
      .filter((record) => record.companyExternalId === access.company.externalId)
      .map((record) => ({ record, presented: presentProject(record, access.template.fields) })),
    asOf: access.stale || lookup.stale ? new Date(Math.min(access.asOf.getTime(), lookup.asOf.getTime())) : lookup.asOf,
    stale: access.stale || lookup.stale,
  };
}
