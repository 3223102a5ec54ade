import { z } from "zod";
import { errorCatalogue } from "../errors";
import type { ErrorCode } from "../errors";
import type { ApiEndpoint } from "./endpoint";

/** Codes every token-authenticated endpoint may answer, whatever it does. */
export const everyEndpointErrors: readonly ErrorCode[] = ["api_token_invalid", "rate_limited", "validation_failed", "internal_error"];

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) });

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodObject | undefined, where: "path" | "query") {
  if (!schema) return [];
  const described = jsonSchema(schema, "input");
  return Object.entries(described.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return { name, in: where, required: where === "path" || (described.required ?? []).includes(name), ...(description ? { description } : {}), schema: propertySchema };
  });
}

function responsesOf<D, C>(endpoint: ApiEndpoint<D, C>) {
  const responses: Record<string, unknown> = {
    [String(endpoint.successStatus ?? 200)]: {
      description: "done",
      content: {
        "application/json": { schema: jsonSchema(endpoint.response, "output") },
        ...Object.fromEntries(Object.entries(endpoint.documents ?? {}).map(([type, holds]) => [type, { schema: { type: "string", description: holds } }])),
      },
    },
  };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...everyEndpointErrors, ...endpoint.errors]) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = { description: codes.map((code) => `\`${code}\`: ${errorCatalogue[code].message}`).join(" | "), content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  return responses;
}

/** A JSON body from its zod schema; a raw one (an upload) as its media types, each the bytes themselves. */
function requestBodyOf<D, C>(endpoint: ApiEndpoint<D, C>) {
  if (endpoint.upload) {
    const { types, maxBytes, description } = endpoint.upload;
    return { requestBody: { required: true, description: `${description} (at most ${maxBytes} bytes)`, content: Object.fromEntries(types.map((type) => [type, { schema: { type: "string", contentMediaType: type } }])) } };
  }
  return endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(endpoint.body, "input") } } } } : {};
}

/**
 * The OpenAPI 3.1 document of the admin API, generated from the endpoints' own zod schemas (z.toJSONSchema writes
 * JSON Schema 2020-12, OpenAPI 3.1's dialect): the schemas that validate a request are the ones documented.
 */
export function openApiDocument<D, C>(endpoints: ReadonlyArray<ApiEndpoint<D, C>>, info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method] = {
      operationId: `${endpoint.method}${endpoint.path.replace(/\{([^}]+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      tags: [endpoint.tag],
      summary: endpoint.summary,
      description: `Who may call it: ${endpoint.roles}.`,
      parameters: [...parametersOf(endpoint.params, "path"), ...parametersOf(endpoint.query, "query")],
      ...requestBodyOf(endpoint),
      responses: responsesOf(endpoint),
    };
  }
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/api/admin/v1" }],
    security: [{ apiToken: [] }],
    components: {
      securitySchemes: { apiToken: { type: "http", scheme: "bearer", description: "An API token of one firm, with a staff role (owner, admin or support)." } },
      schemas: { Error: jsonSchema(errorSchema, "output") },
    },
    paths,
  };
}
