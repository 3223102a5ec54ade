/**
 * The demo firm created on first start (SEED_DEMO=true, the default). Its PSA is the CSV connector over
 * config/demo-psa/. The password is for the demo only and is printed at start and in the README.
 */
export const DEMO_PASSWORD = "demo-portal-2026";

export const demoFirm = {
  slug: "demo",
  name: "Northwind Design Partners (demo)",
  defaultTemplate: "owner" as const,
  connectorKind: "csv",
  connectorSettings: { directory: "config/demo-psa" },
  /** Whom clients ask, the firm's time zone, and closed projects listed (config/firm-settings.ts). */
  settings: { supportEmail: "projects@northwind.example", supportPhone: "+1 (555) 010-0100", timeZone: "America/New_York", showClosedProjects: true },
  /**
   * So that the demo shows every template: Acme Corp keeps the firm's default (Owner: budgets shown), and each
   * other company has its own. Dana, in Cobalt Civil and Beacon Builders, sees the template change with the company.
   */
  companyTemplates: { BEACON: "contractor", COBALT: "engineer", DELTA: "architect" } as const,
};

export const demoPortalAccounts: Array<{ email: string; displayName: string; note: string }> = [
  { email: "omar@acme.com", displayName: "Omar Haddad", note: "Acme Corp: sees Acme's projects" },
  { email: "carl@beaconbuilders.com", displayName: "Carl Jensen", note: "Beacon Builders, on the Contractor template" },
  {
    email: "jane.doe@acme.com",
    displayName: "Jane Doe",
    note: "signed up as jane.doe@ but the PSA knows jane@acme.com: the 'no projects' case",
  },
  { email: "dana@cobaltcivil.com", displayName: "Dana Ruiz", note: "in two companies: gets the company switcher" },
  { email: "pat@deltadental.com", displayName: "Pat Lee", note: "a company with no active projects" },
];

export const demoStaff = { email: "admin@demo.test", displayName: "Demo Admin", role: "admin" as const };
