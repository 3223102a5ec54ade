import Ajv, { type ValidateFunction } from "ajv";
import type { SpecDocument } from "./spec-documents";

type JsonObject = { [key: string]: unknown };
const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Turns the Swagger 2.0 models into strict JSON Schema: an object may only carry the properties the
 * vendor declares (so a fixture or request cannot invent a field), and a typed property may also be
 * null, because Swagger 2.0 cannot say "nullable" while Autotask sends null for empty values
 * (e.g. pageDetails.nextPageUrl on the last page, vendor-apis.md §2.4).
 */
function tighten(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tighten);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") out[key] = value.replace("#/definitions/", "autotask#/definitions/");
    else if (key === "properties" && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, allowNull(tighten(schema))]));
    } else out[key] = tighten(value);
  }
  if (isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function allowNull(schema: unknown): unknown {
  if (isObject(schema) && typeof schema.type === "string") return { ...schema, type: [schema.type, "null"] };
  if (isObject(schema) && typeof schema.$ref === "string") return { anyOf: [schema, { type: "null" }] };
  return schema;
}

export function createSwaggerValidator(spec: SpecDocument) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const format of ["int32", "int64", "double"]) ajv.addFormat(format, true);
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/);
  ajv.addSchema({ $id: "autotask", definitions: tighten(spec.definitions ?? {}) });
  const cache = new Map<string, ValidateFunction>();

  return function validateModel(model: string, data: unknown): string[] {
    let validate = cache.get(model);
    if (!validate) {
      validate = ajv.compile({ $ref: `autotask#/definitions/${model}` });
      cache.set(model, validate);
    }
    return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? ""}`);
  };
}
