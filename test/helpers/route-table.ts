import type { Express } from "express";

/**
 * Every route the app serves, read from the Express app's own router (not from a list kept by hand), so a route
 * added later is in every test that walks this table. Express 5's router keeps each layer's mount path as
 * `rawPath`; if a router version stops doing so, this throws instead of quietly listing fewer routes.
 */
export interface AppRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The full path pattern, e.g. `/portal/:slug/admin/clients/:accountId/unlock`. */
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | RegExp | Array<string | RegExp>;
  slash?: boolean;
}

function walk(stack: Layer[], prefix: string, out: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== "_all") out.push({ method: method.toUpperCase() as AppRoute["method"], path: `${prefix}${layer.route.path}` });
      }
    } else if (layer.handle?.stack) {
      if (!layer.slash && typeof layer.rawPath !== "string") throw new Error(`cannot read the mount path of a router (${String(layer.rawPath)}): update test/helpers/route-table.ts`);
      walk(layer.handle.stack, layer.slash ? prefix : `${prefix}${layer.rawPath as string}`, out);
    }
  }
}

/**
 * The app's routes, each once. The portal router is mounted twice (at /portal/:slug, and at /portal for a firm's
 * own domain); the slug form stands for both.
 */
export function listRoutes(app: Express): AppRoute[] {
  const routes: AppRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "", routes);
  if (routes.length === 0) throw new Error("no routes found on the app: update test/helpers/route-table.ts");
  const seen = new Set<string>();
  return routes.filter((route) => {
    if (route.path.startsWith("/portal/") && !route.path.startsWith("/portal/:slug/")) return false;
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The route's path with its parameters filled in (`values` by parameter name; a parameter without a value throws). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}
