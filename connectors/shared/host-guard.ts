import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupAddress, LookupOptions } from "node:dns";
import ipaddr from "ipaddr.js";

/**
 * Keeps PSA requests off the gateway's own network (server-side request forgery through a PSA address a firm
 * admin types). Addresses are classified with ipaddr.js rather than hand-written range tables: only its
 * "unicast" range (public internet) is allowed; loopback, RFC 1918, ULA, link-local (cloud metadata
 * 169.254.169.254 and fd00:ec2::254 fall in link-local and ULA), unspecified, CGNAT, benchmarking, multicast,
 * reserved, and IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo) are refused.
 * The operator may allow private PSA hosts (an on-premises ConnectWise) by name, address or CIDR.
 */

/** Resolves a host name to every address it has (A and AAAA). Injectable so tests need no DNS. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

/** `true` allows every address; a list allows those host names, addresses and CIDR ranges. */
export type PrivateHostAllowance = boolean | readonly string[];

export type HostVerdict =
  | { allowed: true; addresses: string[] }
  | { allowed: false; reason: "internal_address" | "not_found" | "invalid_host"; host: string };

/** The error a guarded connection fails with; the HTTP client turns it into a settings error, never a retry. */
export const BLOCKED_ADDRESS_CODE = "EPSA_BLOCKED_ADDRESS";

export interface HostGuard {
  /** Before connecting: resolves the host (unless it is an address) and checks every address. */
  checkHost(host: string): Promise<HostVerdict>;
  /** Synchronous check of a host that is an IP address in any notation; null for a name (resolve it). */
  checkLiteral(host: string): HostVerdict | null;
  /** A dns.lookup replacement for http(s).Agent: the address actually connected to is checked at connect time. */
  lookup: (hostname: string, options: LookupOptions, callback: LookupCallback) => void;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export const defaultResolveHost: ResolveHost = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The host as the WHATWG URL parser (and so axios) will connect to it: numeric forms such as 2130706433,
 * 0x7f.1, 127.1 and 017700000001 become 127.0.0.1; brackets and a port are dropped; null when unparsable.
 */
export function canonicalHost(host: string): string | null {
  try {
    const hostname = new URL(`https://${host.includes("://") ? new URL(host).host : host}`).hostname.toLowerCase();
    return hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "") || null;
  } catch {
    return null;
  }
}

/** The ipaddr.js range name of an address ("unicast" for the public internet), with IPv4-mapped IPv6 unwrapped. */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

export function isPublicAddress(address: string): boolean {
  return ipaddr.isValid(address) && addressRange(address) === "unicast";
}

function compileAllowance(allowance: PrivateHostAllowance) {
  if (allowance === true) return { all: true, names: new Set<string>(), ranges: [] as Array<[ipaddr.IPv4 | ipaddr.IPv6, number]> };
  const entries = allowance === false ? [] : allowance.map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const ranges = entries.flatMap((entry) => {
    if (entry.includes("/") && ipaddr.isValidCIDR(entry)) return [ipaddr.parseCIDR(entry)];
    if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      return [[address, address.kind() === "ipv4" ? 32 : 128] as [ipaddr.IPv4 | ipaddr.IPv6, number]];
    }
    return [];
  });
  const names = new Set(entries.filter((entry) => !ipaddr.isValid(entry) && !entry.includes("/")).map((entry) => entry.replace(/\.$/, "")));
  return { all: false, names, ranges };
}

/** Every entry must be a host name, an IP address or a CIDR range; returns the entries that are not. */
export function findInvalidAllowanceEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => {
    const value = entry.trim();
    if (value.includes("/")) return !ipaddr.isValidCIDR(value);
    return !ipaddr.isValid(value) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(value);
  });
}

export function createHostGuard(options: { allowPrivateHosts?: PrivateHostAllowance; resolveHost?: ResolveHost } = {}): HostGuard {
  const allowance = compileAllowance(options.allowPrivateHosts ?? false);
  const resolveHost = options.resolveHost ?? defaultResolveHost;

  const addressAllowed = (address: string): boolean => {
    if (!ipaddr.isValid(address)) return false;
    if (allowance.all || isPublicAddress(address)) return true;
    const parsed = ipaddr.process(address);
    return allowance.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  };

  const judge = (host: string, addresses: string[]): HostVerdict => {
    if (addresses.length === 0) return { allowed: false, reason: "not_found", host };
    // A host with any internal address is refused whole: a mixed DNS answer is how rebinding attacks start.
    if (allowance.names.has(host) || addresses.every(addressAllowed)) return { allowed: true, addresses };
    return { allowed: false, reason: "internal_address", host };
  };

  function checkLiteral(host: string): HostVerdict | null {
    const canonical = canonicalHost(host);
    if (!canonical) return { allowed: false, reason: "invalid_host", host };
    return ipaddr.isValid(canonical) ? judge(canonical, [canonical]) : null;
  }

  async function checkHost(host: string): Promise<HostVerdict> {
    const literal = checkLiteral(host);
    if (literal) return literal;
    const canonical = canonicalHost(host) ?? host;
    let addresses: string[];
    try {
      addresses = await resolveHost(canonical);
    } catch {
      addresses = [];
    }
    return judge(canonical, addresses);
  }

  function lookup(hostname: string, lookupOptions: LookupOptions, callback: LookupCallback): void {
    checkHost(hostname).then(
      (verdict) => {
        if (!verdict.allowed) {
          const error: NodeJS.ErrnoException = new Error(`PSA host ${hostname} refused: ${verdict.reason}`);
          error.code = verdict.reason === "not_found" ? "ENOTFOUND" : BLOCKED_ADDRESS_CODE;
          callback(error, "");
          return;
        }
        const family = lookupOptions.family === 4 || lookupOptions.family === "IPv4" ? 4 : lookupOptions.family === 6 || lookupOptions.family === "IPv6" ? 6 : 0;
        const entries = verdict.addresses.map((address) => ({ address, family: ipaddr.parse(address).kind() === "ipv4" ? 4 : 6 })).filter((entry) => family === 0 || entry.family === family);
        const first = entries[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`PSA host ${hostname} has no IPv${family} address`);
          error.code = "ENOTFOUND";
          callback(error, "");
          return;
        }
        if (lookupOptions.all) callback(null, entries);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, ""),
    );
  }

  return { checkHost, checkLiteral, lookup };
}
