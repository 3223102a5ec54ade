/**
 * The four portal templates and what each shows by default. A firm may replace a template's field set
 * and sections (FirmTemplateSetting); a company and an account may pick another template. The project
 * name and id are always shown: a project without its name would be no use to anyone.
 */
export const portalTemplates = ["owner", "architect", "engineer", "contractor"] as const;
export type PortalTemplateName = (typeof portalTemplates)[number];

export const projectFields = ["status", "phase", "manager", "startDate", "endDate", "budget", "percentComplete", "description"] as const;
export type ProjectField = (typeof projectFields)[number];

export const portalSections = ["summary", "schedule", "financials", "team"] as const;
export type PortalSection = (typeof portalSections)[number];

export interface TemplateDefinition {
  label: string;
  fields: readonly ProjectField[];
  sections: readonly PortalSection[];
}

export const defaultTemplates: Record<PortalTemplateName, TemplateDefinition> = {
  // The client paying for the work: progress and money.
  owner: {
    label: "Owner",
    fields: ["status", "phase", "manager", "startDate", "endDate", "budget", "percentComplete", "description"],
    sections: ["summary", "schedule", "financials", "team"],
  },
  // A design partner: where the design stands and who leads it, not the fee.
  architect: {
    label: "Architect",
    fields: ["status", "phase", "manager", "startDate", "endDate", "percentComplete", "description"],
    sections: ["summary", "schedule", "team"],
  },
  engineer: {
    label: "Engineer",
    fields: ["status", "phase", "manager", "startDate", "endDate", "percentComplete", "description"],
    sections: ["summary", "schedule", "team"],
  },
  // A builder on site: the schedule and phase, never the budget.
  contractor: {
    label: "Contractor",
    fields: ["status", "phase", "startDate", "endDate", "description"],
    sections: ["summary", "schedule"],
  },
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
};
