import type { DomainProblem, SlugProblem } from "./firm-address";

/**
 * What is wrong with a typed firm name, slug or domain, in words for an operator or an API client (the use-cases
 * return only the field and a problem code).
 */
const slugWords: Record<SlugProblem | "unchanged", (slug: string) => string> = {
  format: (slug) => `"${slug}" is not a slug: use 2 to 40 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.`,
  reserved: (slug) => `"${slug}" is reserved (it reads as a part of the gateway): choose another slug.`,
  taken: (slug) => `"${slug}" is taken: a firm has it now, or had it before (former slugs keep redirecting). Choose another.`,
  unchanged: (slug) => `The firm's slug is already "${slug}".`,
};

const domainWords: Record<DomainProblem, (domain: string) => string> = {
  format: (domain) => `"${domain}" is not a host name: give only the host, e.g. portal.example.com (no https://, port or path).`,
  gateway_host: (domain) => `"${domain}" is the gateway's own host (PUBLIC_URL): a firm's domain must be one of its own.`,
  taken: (domain) => `"${domain}" is already another firm's domain.`,
};

export type FirmFieldFailure =
  | { field: "slug"; problem: SlugProblem | "unchanged" }
  | { field: "domain"; problem: DomainProblem }
  | { field: "name" };

/** One sentence for a firm field that was refused; `typed` is what was sent for that field. */
export function firmFieldWords(failure: FirmFieldFailure, typed: string): string {
  const shown = typed.trim().slice(0, 80);
  if (failure.field === "slug") return slugWords[failure.problem](shown);
  if (failure.field === "domain") return domainWords[failure.problem](shown);
  return "The firm's name must be 2 to 120 characters, on one line, without < or >.";
}
