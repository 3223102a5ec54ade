/** Shared by the Autotask test files. */
export const AT_ROOT = "https://webservices.autotask.net";
export const AT_ZONE = "https://webservices5.autotask.net";
export const AT_BASE = "/ATServicesRest/V1.0";
export const atSettings = {
  username: "api-portal@acme-msp.com",
  secret: "S3cret-value-xyz",
  integrationCode: "TRACKING-CODE-1234",
  projectStatusLabels: { "2": "In Progress" },
};
