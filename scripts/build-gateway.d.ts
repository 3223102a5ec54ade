/** scripts/build-gateway.js: compile the gateway into `root`/dist when its sources changed since the last build. */
export function ensureBuilt(root: string): { outfile: string; built: boolean; ms: number };
