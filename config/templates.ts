/**
 * The four portal templates and what each shows by default. A firm may replace a template's field set
 * and sections (FirmTemplateSetting); a company and an account may pick another template. The project
 * name and id are always shown: a project without its name would be no use to anyone.
 */
export const portalTemplates = ["owner", "architect", "engineer", "contractor"] as const;
export type PortalTemplateName = (typeof portalTemplates)[number];

export const projectFields = [
  "status", "phase", "manager", "startDate", "endDate", "budget", "percentComplete", "description",
  "invoiced", "hours", "managerEmail", "managerPhone",
] as const;
export type ProjectField = (typeof projectFields)[number];

export const portalSections = ["summary", "schedule", "financials", "team"] as const;
export type PortalSection = (typeof portalSections)[number];

/**
 * The section each field belongs to: a field shows only when its template shows the field AND its section, so a
 * section turned off takes its fields with it (budget, invoiced and hours go with financials). The description is
 * in no section: it is the project's own introduction.
 */
export const fieldSections: Record<ProjectField, PortalSection | null> = {
  status: "summary",
  phase: "summary",
  percentComplete: "summary",
  startDate: "schedule",
  endDate: "schedule",
  budget: "financials",
  invoiced: "financials",
  hours: "financials",
  manager: "team",
  managerEmail: "team",
  managerPhone: "team",
  description: null,
};

export interface TemplateDefinition {
  label: string;
  fields: readonly ProjectField[];
  sections: readonly PortalSection[];
}

const everyField = projectFields;
const designPartnerFields: readonly ProjectField[] = ["status", "phase", "manager", "managerEmail", "managerPhone", "startDate", "endDate", "percentComplete", "description"];

export const defaultTemplates: Record<PortalTemplateName, TemplateDefinition> = {
  // The client paying for the work: progress and money.
  owner: { label: "Owner", fields: everyField, sections: ["summary", "schedule", "financials", "team"] },
  // A design partner: where the design stands and who leads it, not the fee.
  architect: { label: "Architect", fields: designPartnerFields, sections: ["summary", "schedule", "team"] },
  engineer: { label: "Engineer", fields: designPartnerFields, sections: ["summary", "schedule", "team"] },
  // A builder on site: the schedule and phase, never the budget or the firm's people.
  contractor: { label: "Contractor", fields: ["status", "phase", "startDate", "endDate", "description"], sections: ["summary", "schedule"] },
};

export const fieldLabels: Record<ProjectField, string> = {
  status: "Status",
  phase: "Phase",
  manager: "Project manager",
  startDate: "Start",
  endDate: "End",
  budget: "Budget",
  percentComplete: "Complete",
  description: "Description",
  invoiced: "Invoiced",
  hours: "Hours used",
  managerEmail: "Manager's email",
  managerPhone: "Manager's phone",
};

export const sectionLabels: Record<PortalSection, string> = {
  summary: "Summary",
  schedule: "Schedule",
  financials: "Financials",
  team: "Team",
};
