import type { Router } from "express";
import type { AppDeps } from "./app";
import type { ApiEndpoint } from "./platform/admin-api/endpoint";
import { adminApiRouter } from "./platform/admin-api/admin-api-router";
import { openApiDocument } from "./platform/admin-api/openapi";
import type { Lockout } from "./sign-in/lockout";
import { authenticateApiToken } from "./api-tokens/authenticate-api-token";
import type { ApiCaller } from "./api-tokens/authenticate-api-token";
import { getFirm } from "./firms/api/get-firm";
import { updateFirm } from "./firms/api/update-firm";
import { addFirmDomainEndpoint, removeFirmDomainEndpoint } from "./firms/api/firm-domains";
import { deleteFirmLogoEndpoint, putFirmLogoEndpoint } from "./firms/api/firm-logo";
import { inviteStaffEndpoint } from "./console/api/invite-staff";
import { doctorEndpoint } from "./console/api/doctor";
import { inviteClientEndpoint } from "./console/api/invite-client";
import { clientMagicLinkEndpoint } from "./console/api/client-magic-link";
import { disableClientEndpoint, reactivateClientEndpoint } from "./console/api/set-client-access";
import { unlockClientEndpoint } from "./console/api/unlock-client";
import { getFirmSettings, updateFirmSettings } from "./console/api/firm-settings";
import { listClientsEndpoint } from "./console/api/list-clients";
import { supportBundleEndpoint } from "./console/api/support-bundle";
import { trailEndpoint } from "./console/api/trail";
import { listOutboxEndpoint, resendEmailEndpoint } from "./console/api/outbox";
import { listTokens } from "./api-tokens/api/list-tokens";
import { revokeToken } from "./api-tokens/api/revoke-token";

export type AdminApiDeps = AppDeps & { lockout: Lockout; kickMail(): void };

/**
 * Every endpoint of the admin JSON API (/api/admin/v1), in the order the OpenAPI document lists them. To add one:
 * write src/<feature>/api/<endpoint>.ts with defineAdminEndpoint (api-tokens/admin-endpoint.ts: method, path, zod
 * schemas for params/query/body and the answer, a handle that calls a use-case), and add it here. The document
 * and the coverage test (test/integration/admin-api/openapi.test.ts) follow by themselves.
 */
export const adminApiEndpoints: ReadonlyArray<ApiEndpoint<AdminApiDeps, ApiCaller>> = [
  getFirm,
  updateFirm,
  getFirmSettings,
  updateFirmSettings,
  addFirmDomainEndpoint,
  removeFirmDomainEndpoint,
  putFirmLogoEndpoint,
  deleteFirmLogoEndpoint,
  inviteStaffEndpoint,
  doctorEndpoint,
  listClientsEndpoint,
  inviteClientEndpoint,
  clientMagicLinkEndpoint,
  disableClientEndpoint,
  reactivateClientEndpoint,
  unlockClientEndpoint,
  supportBundleEndpoint,
  trailEndpoint,
  listOutboxEndpoint,
  resendEmailEndpoint,
  listTokens,
  revokeToken,
];

export const adminApiInfo = {
  title: "PSA client portal gateway: admin API",
  version: "1",
  description: "One firm's administration, authenticated by the firm's API tokens (each with a staff role: owner, admin or support). Errors are `{ error: { code, message } }` with the codes of the README's error table.",
};

export function createAdminApi(parts: Omit<AdminApiDeps, "kickMail">): Router {
  // kickMail: the name the link use-cases give the mail worker's kick (LinkServiceDeps).
  const deps: AdminApiDeps = { ...parts, kickMail: () => parts.mail.kick() };
  return adminApiRouter({
    endpoints: adminApiEndpoints,
    deps,
    authenticate: (bearer) => authenticateApiToken(deps.db, bearer),
    limitKey: (caller) => caller.token.id,
    limiter: deps.store.counter({ name: "api-token", points: deps.config.API_REQUESTS_PER_MINUTE, windowSeconds: 60 }),
    limitPerMinute: deps.config.API_REQUESTS_PER_MINUTE,
    openApiDocument: openApiDocument(adminApiEndpoints, adminApiInfo),
  });
}
