import type { ResolveHost } from "../../connectors/registry";

/**
 * A public internet address for made-up PSA host names (example.com's, a plain unicast address), so that the address
 * check before saving a connection passes without DNS; nock answers the requests themselves.
 */
export const PUBLIC_TEST_ADDRESS = "93.184.216.34";

/**
 * DNS for tests: the names given resolve to their addresses (an empty list: no such name), every other name to
 * PUBLIC_TEST_ADDRESS. `asked` records each name looked up, so a test can see that a refused host was never called.
 */
export function fakeDns(entries: Record<string, string[]> = {}): ResolveHost & { asked: string[]; set(name: string, addresses: string[]): void } {
  // localhost is loopback whatever a test maps (as every system resolver answers it).
  const table = new Map(Object.entries({ ...entries, localhost: ["127.0.0.1", "::1"] }).map(([name, addresses]) => [name.toLowerCase(), addresses]));
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<string[]> => {
    const name = hostname.toLowerCase();
    asked.push(name);
    const addresses = table.get(name) ?? [PUBLIC_TEST_ADDRESS];
    if (addresses.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses;
  };
  return Object.assign(resolve, { asked, set: (name: string, addresses: string[]) => void table.set(name.toLowerCase(), addresses) });
}
