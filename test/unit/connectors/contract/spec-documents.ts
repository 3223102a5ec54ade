import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";

/** The cut-down vendor API documents, kept in the repository (see test/fixtures/psa/specs/README.md). */
export const SPECS_DIR = path.resolve(__dirname, "../../../fixtures/psa/specs");

export interface OpenApiParameter {
  name: string;
  in: string;
  /** OpenAPI 3 (HaloPSA) */
  schema?: { type?: string; format?: string };
  /** Swagger 2.0 (Autotask) */
  type?: string;
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
  return JSON.parse(readFileSync(path.join(SPECS_DIR, file), "utf8")) as SpecDocument;
}

/** The document's operation for a concrete request path (templates such as {id} match one segment). */
export function findOperation(spec: SpecDocument, method: string, requestPath: string): OpenApiOperation | null {
  for (const [template, operations] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(requestPath)) return operations[method.toLowerCase()] ?? null;
  }
  return null;
}

/**
 * The Halo document types query parameters with names that are not JSON Schema ("bool", "int", "double",
 * "List<int>"), so a validator that does not know them accepts anything: page_size=abc passed. They are
 * normalized here to what they mean; an unknown type name fails loudly instead of passing silently.
 */
const NORMALIZED_TYPES: Record<string, object> = {
  bool: { type: "boolean" },
  boolean: { type: "boolean" },
  int: { type: "integer" },
  integer: { type: "integer" },
  double: { type: "number" },
  number: { type: "number" },
  string: { type: "string" },
  "List<int>": { type: "string", pattern: "^-?\\d+(,-?\\d+)*$" },
};

// coerceTypes: a query value is a string on the wire; "12" is an int, "abc" is not, "true" is a bool.
const ajv = new Ajv({ strict: false, coerceTypes: true });
const validators = new Map<string, ValidateFunction>();

function validatorFor(typeName: string): ValidateFunction {
  const schema = NORMALIZED_TYPES[typeName];
  if (!schema) throw new Error(`The vendor document uses the parameter type "${typeName}", which the contract check does not know yet.`);
  let validate = validators.get(typeName);
  if (!validate) {
    validate = ajv.compile({ type: "object", properties: { value: schema } });
    validators.set(typeName, validate);
  }
  return validate;
}

/** Whether one query value fits the declared type ("abc" is not an int, "yes" is not a bool). */
export function describeValueBreak(parameter: OpenApiParameter, value: string): string | null {
  const typeName = parameter.schema?.type ?? parameter.type ?? "string";
  return validatorFor(typeName)({ value }) ? null : `is "${value}", not of type ${typeName}`;
}

/** Where a request breaks the document: unknown path/method, an undeclared query parameter, or a value of the wrong type. */
export function describeContractBreaks(spec: SpecDocument, method: string, url: string, prefix: string): string[] {
  const parsed = new URL(url);
  if (!parsed.pathname.startsWith(prefix)) return [`${method} ${parsed.pathname}: outside ${prefix}`];
  const requestPath = parsed.pathname.slice(prefix.length);
  const operation = findOperation(spec, method, requestPath);
  if (!operation) return [`${method} ${requestPath}: not in the vendor document`];
  const declared = new Map((operation.parameters ?? []).filter((parameter) => parameter.in === "query").map((parameter) => [parameter.name, parameter]));
  return [...parsed.searchParams.entries()].flatMap(([name, value]) => {
    const parameter = declared.get(name);
    if (!parameter) return [`${method} ${requestPath}: query parameter "${name}" is not declared`];
    const problem = describeValueBreak(parameter, value);
    return problem ? [`${method} ${requestPath}: query parameter "${name}" ${problem}`] : [];
  });
}
