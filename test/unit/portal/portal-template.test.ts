import { resolvePortalTemplate } from "../../../src/portal/portal-template";

const base = { firmDefault: "owner" as const, companyOverride: null, accountOverride: null, firmFieldSets: {} };

describe("portal template inheritance", () => {
  test("with no overrides the firm default applies, with the product's field set", () => {
    const t = resolvePortalTemplate(base);
    expect(t).toMatchObject({ template: "owner", source: "firm" });
    expect(t.fields).toContain("budget");
  });

  test("a company override beats the firm default; null inherits", () => {
    expect(resolvePortalTemplate({ ...base, companyOverride: "contractor" })).toMatchObject({ template: "contractor", source: "company" });
    expect(resolvePortalTemplate({ ...base, companyOverride: null })).toMatchObject({ template: "owner", source: "firm" });
  });

  test("an account override beats the company override", () => {
    expect(resolvePortalTemplate({ ...base, companyOverride: "contractor", accountOverride: "architect" })).toMatchObject({ template: "architect", source: "account" });
  });

  test("a contractor sees schedule dates and phase but not budget", () => {
    const t = resolvePortalTemplate({ ...base, firmDefault: "contractor" });
    expect(t.fields).toEqual(expect.arrayContaining(["startDate", "endDate", "phase"]));
    expect(t.fields).not.toContain("budget");
    expect(t.sections).not.toContain("financials");
  });

  test("the firm's own field set for the chosen template replaces the default, dropping unknown names", () => {
    const t = resolvePortalTemplate({
      ...base,
      companyOverride: "engineer",
      firmFieldSets: { engineer: { visibleFields: ["status", "budget", "secretField"], sections: ["summary", "financials", "bogus"] }, owner: { visibleFields: [], sections: [] } },
    });
    expect(t).toEqual({ template: "engineer", source: "company", fields: ["status", "budget"], sections: ["summary", "financials"] });
  });

  // Issue 16: sections are enforced where the response is built, like fields: a section off takes its fields along.
  test("a field shows only with its section: financials off hides budget, invoiced and hours even when ticked", () => {
    const t = resolvePortalTemplate({
      ...base,
      firmFieldSets: { owner: { visibleFields: ["status", "budget", "invoiced", "hours", "manager", "description"], sections: ["summary", "team"] } },
    });
    expect(t.fields).toEqual(["status", "manager", "description"]);
    const contractor = resolvePortalTemplate({ ...base, firmDefault: "contractor" });
    expect(contractor.fields).not.toEqual(expect.arrayContaining(["manager"]));
    expect(contractor.fields.filter((field) => ["budget", "invoiced", "hours", "manager", "managerEmail", "managerPhone"].includes(field))).toEqual([]);
  });
});
