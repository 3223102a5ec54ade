import { defaultTemplates, fieldSections, portalSections, projectFields } from "../../config/templates";
import type { PortalSection, PortalTemplateName, ProjectField } from "../../config/templates";
import type { Firm, PortalAccount } from "../generated/prisma/client";
import type { FirmDirectory } from "../firms/firm-directory";

export interface TemplateInputs {
  firmDefault: PortalTemplateName;
  /** Null means inherit. */
  companyOverride: PortalTemplateName | null;
  accountOverride: PortalTemplateName | null;
  /** The firm's own field sets, by template; a template without a row uses the product default. */
  firmFieldSets: Partial<Record<PortalTemplateName, { visibleFields: string[]; sections: string[] }>>;
}

export interface EffectiveTemplate {
  template: PortalTemplateName;
  /** Where the template choice came from, for the Access Doctor and for admins. */
  source: "firm" | "company" | "account";
  /** The fields shown: the template's, less those whose section it turns off (config/templates.ts fieldSections). */
  fields: ProjectField[];
  sections: PortalSection[];
}

const isField = (value: string): value is ProjectField => (projectFields as readonly string[]).includes(value);
const isSection = (value: string): value is PortalSection => (portalSections as readonly string[]).includes(value);

/**
 * The one merge: account override, else company override, else firm default; then that template's field set, in
 * which a field shows only when its section does too. Everything a client may see is decided here.
 */
export function resolvePortalTemplate(inputs: TemplateInputs): EffectiveTemplate {
  const [template, source]: [PortalTemplateName, EffectiveTemplate["source"]] = inputs.accountOverride
    ? [inputs.accountOverride, "account"]
    : inputs.companyOverride
      ? [inputs.companyOverride, "company"]
      : [inputs.firmDefault, "firm"];
  const custom = inputs.firmFieldSets[template];
  const sections = custom ? custom.sections.filter(isSection) : [...defaultTemplates[template].sections];
  const chosen = custom ? custom.visibleFields.filter(isField) : [...defaultTemplates[template].fields];
  const fields = chosen.filter((field) => {
    const section = fieldSections[field];
    return section === null || sections.includes(section);
  });
  return { template, source, fields, sections };
}

/** The template an account sees in one company: the firm's settings read through the directory, then the merge. */
export async function templateForAccount(
  directory: Pick<FirmDirectory, "companySetting" | "templateSettings">,
  firm: Pick<Firm, "id" | "defaultTemplate">,
  account: Pick<PortalAccount, "templateOverride">,
  companyExternalId: string | null,
): Promise<EffectiveTemplate> {
  const [companySetting, fieldSets] = await Promise.all([companyExternalId ? directory.companySetting(firm.id, companyExternalId) : null, directory.templateSettings(firm.id)]);
  return resolvePortalTemplate({
    firmDefault: firm.defaultTemplate as PortalTemplateName,
    companyOverride: (companySetting?.template ?? null) as PortalTemplateName | null,
    accountOverride: (account.templateOverride ?? null) as PortalTemplateName | null,
    firmFieldSets: Object.fromEntries(fieldSets.map((row) => [row.template, { visibleFields: row.visibleFields, sections: row.sections }])),
  });
}
