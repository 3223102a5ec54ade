import { endpointsCalledBy } from "../platform/admin-api/endpoint";
import { apiTokenActor } from "../accounts/actor";
import type { ApiCaller } from "./authenticate-api-token";

/**
 * Define an admin API endpoint (src/<feature>/api/*.ts): its caller is an API token of one firm, with a staff
 * role. Register it in src/admin-api.ts.
 */
export const defineAdminEndpoint = endpointsCalledBy<ApiCaller>();

/** The caller as the use-cases take who acts: the token's role, and its name on what it changes. */
export const actorOf = (caller: ApiCaller) => apiTokenActor(caller.token);
