import type { CompanyRef } from "./company-answers";

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Does this company look like the one of the email's domain? Its web domains from the PSA decide (the domain
 * itself or a subdomain of it); a company with none is matched on its name against the domain's first label
 * ("cobaltcivil.com" and "Cobalt Civil"), which needs at least four letters to count.
 */
function ownsDomain(company: CompanyRef, domain: string): boolean {
  if (company.domains && company.domains.length > 0) return company.domains.some((owned) => domain === owned || domain.endsWith(`.${owned}`));
  const label = squash(domain.split(".")[0] ?? "");
  const name = squash(company.name);
  return label.length >= 4 && name.length >= 4 && (name.startsWith(label) || label.startsWith(name));
}

/** A contact's companies with the one(s) of their own email's domain first, otherwise in the order given. */
export function companiesForEmail(email: string, companies: readonly CompanyRef[]): CompanyRef[] {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const own = companies.filter((company) => ownsDomain(company, domain));
  return [...own, ...companies.filter((company) => !own.includes(company))];
}
