import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The cut-down vendor API documents live in ../shared/psa/specs beside the repository (CI clones the
 * repository with shared/ next to it).
 */
export const SPECS_DIR = path.resolve(__dirname, "../../../../..", "shared/psa/specs");

export interface OpenApiParameter {
  name: string;
  in: string;
}
export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
}
export interface SpecDocument {
  basePath?: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  definitions?: Record<string, unknown>;
}

export function loadSpec(file: string): SpecDocument {
  const full = path.join(SPECS_DIR, file);
  if (!existsSync(full)) throw new Error(`Vendor document not found at ${full}: clone shared/ beside the repository.`);
  return JSON.parse(readFileSync(full, "utf8")) as SpecDocument;
}

/** The document's operation for a concrete request path (templates such as {id} match one segment). */
export function findOperation(spec: SpecDocument, method: string, requestPath: string): OpenApiOperation | null {
  for (const [template, operations] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(requestPath)) return operations[method.toLowerCase()] ?? null;
  }
  return null;
}

/** Where a request breaks the document: unknown path/method, or a query parameter the operation does not declare. */
export function describeContractBreaks(spec: SpecDocument, method: string, url: string, prefix: string): string[] {
  const parsed = new URL(url);
  if (!parsed.pathname.startsWith(prefix)) return [`${method} ${parsed.pathname}: outside ${prefix}`];
  const requestPath = parsed.pathname.slice(prefix.length);
  const operation = findOperation(spec, method, requestPath);
  if (!operation) return [`${method} ${requestPath}: not in the vendor document`];
  const declared = new Set((operation.parameters ?? []).filter((parameter) => parameter.in === "query").map((parameter) => parameter.name));
  return [...parsed.searchParams.keys()].filter((name) => !declared.has(name)).map((name) => `${method} ${requestPath}: query parameter "${name}" is not declared`);
}
