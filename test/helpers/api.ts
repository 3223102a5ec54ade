import Ajv2020 from "ajv/dist/2020";
import request from "supertest";
import type { Firm, StaffRole } from "../../src/generated/prisma/client";
import { operatorActor } from "../../src/accounts/actor";
import { createApiToken, revokeApiToken } from "../../src/api-tokens/use-cases/manage-api-tokens";
import { adminApiEndpoints, adminApiInfo } from "../../src/admin-api";
import { openApiDocument } from "../../src/platform/admin-api/openapi";
import type { TestGateway } from "./test-gateway";

export const API = "/api/admin/v1";

/** A fresh API token of `firm` with `role`, made as the operator makes them. */
export async function apiToken(gw: TestGateway, firm: Firm, role: StaffRole = "admin"): Promise<string> {
  const created = await createApiToken(gw.db, { firm, actor: operatorActor, name: `test ${role}`, role });
  if (!created.ok) throw new Error(`token not made: ${created.error.code}`);
  return created.value.token;
}

/** A token of `firm` that worked once and was then revoked, as an owner revokes one. */
export async function revokedToken(gw: TestGateway, firm: Firm): Promise<string> {
  const created = await createApiToken(gw.db, { firm, actor: operatorActor, name: "revoked", role: "owner" });
  if (!created.ok) throw new Error(`token not made: ${created.error.code}`);
  if ((await asToken(gw, created.value.token).get("/firm")).status !== 200) throw new Error("the token never worked");
  await revokeApiToken(gw.db, { firmId: firm.id, actor: operatorActor, tokenId: created.value.view.id });
  return created.value.token;
}

/** Requests to the admin API with a bearer token. */
export function asToken(gw: TestGateway, token: string) {
  const auth = (test: request.Test) => test.set("Authorization", `Bearer ${token}`);
  return {
    get: (path: string) => auth(request(gw.app).get(`${API}${path}`)),
    post: (path: string, body: object = {}) => auth(request(gw.app).post(`${API}${path}`)).send(body),
    patch: (path: string, body: object = {}) => auth(request(gw.app).patch(`${API}${path}`)).send(body),
    delete: (path: string) => auth(request(gw.app).delete(`${API}${path}`)),
  };
}

const document = openApiDocument(adminApiEndpoints, adminApiInfo);
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat("date-time", true).addFormat("uuid", true).addFormat("email", true);
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/**
 * Checks an answer against what the OpenAPI document says the endpoint answers with that status (the success
 * schema, or the Error schema): returns the validation errors, [] when it fits.
 */
export function documentedShapeErrors(method: string, path: string, status: number, body: unknown): string[] {
  const operation = (document.paths[path] as Record<string, { responses: Record<string, { content: { "application/json": { schema: object } } }> }> | undefined)?.[method];
  const response = operation?.responses[String(status)];
  if (!response) return [`${method.toUpperCase()} ${path} documents no ${status} answer`];
  const schema = response.content["application/json"].schema as { $ref?: string };
  const key = `${method} ${path} ${status}`;
  const validate = validators.get(key) ?? ajv.compile(schema.$ref ? document.components.schemas.Error : schema);
  validators.set(key, validate);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
