import type { AppRoute } from "../helpers/route-table";

/**
 * What each route of the app needs, by its method and path: the security suite attacks each class in its own way,
 * and a route no pattern matches fails the suite (a route added later must be placed here).
 */
export type RouteClass = "open" | "client" | "staff" | "link" | "webhook" | "session" | "token";

const classes: Array<[RegExp, RouteClass]> = [
  [/^(GET|POST) \/portal\/:slug\/(login|admin\/login|forgot|magic|confirm|admin\/forgot)$/, "open"],
  [/^GET \/(healthz|readyz)?$/, "open"],
  [/^GET \/assets\/console\.js$/, "open"],
  [/^GET \/portal\/:slug\/logo\/:hash$/, "open"],
  [/^GET \/api\/admin\/v1\/openapi\.json$/, "open"],
  [/^(GET|POST|PATCH|PUT|DELETE) \/api\/admin\/v1\/.+$/, "token"],
  [/^POST \/portal\/:slug\/logout$/, "session"],
  [/^(GET|POST) \/portal\/:slug\/(claim|reset|magic|confirm)\/:token(\/renew)?$/, "link"],
  [/^POST \/webhooks\/psa\/:firmId\/:secret$/, "webhook"],
  [/^(GET|POST) \/portal\/:slug\/admin(\/.*)?$/, "staff"],
  [/^(GET|POST) \/portal\/:slug\/(|api\/projects|projects\/:id|company)$/, "client"],
];

export function classify(route: AppRoute): RouteClass | undefined {
  return classes.find(([pattern]) => pattern.test(`${route.method} ${route.path}`))?.[1];
}
