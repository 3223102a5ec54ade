import { ConfigError, loadConfig } from "../../../config";

// Issue 14 finding 1: the operator's explicit allowance for private PSA hosts, off by default.
describe("PSA_ALLOW_PRIVATE_HOSTS", () => {
  it("allows nothing by default", () => {
    expect(loadConfig({}).PSA_ALLOW_PRIVATE_HOSTS).toEqual([]);
  });

  it("takes true, or host names, addresses and CIDR ranges", () => {
    expect(loadConfig({ PSA_ALLOW_PRIVATE_HOSTS: "true" }).PSA_ALLOW_PRIVATE_HOSTS).toBe(true);
    expect(loadConfig({ PSA_ALLOW_PRIVATE_HOSTS: " cw.corp.example, 10.0.0.0/8 ,127.0.0.1,::1" }).PSA_ALLOW_PRIVATE_HOSTS).toEqual(["cw.corp.example", "10.0.0.0/8", "127.0.0.1", "::1"]);
  });

  it("stops the start on an entry that is none of those, naming it", () => {
    expect(() => loadConfig({ PSA_ALLOW_PRIVATE_HOSTS: "10.0.0.0/33,cw corp" })).toThrow(ConfigError);
    expect(() => loadConfig({ PSA_ALLOW_PRIVATE_HOSTS: "10.0.0.0/33,cw corp" })).toThrow(/PSA_ALLOW_PRIVATE_HOSTS: not a host name, IP address or CIDR range: 10.0.0.0\/33, cw corp/);
  });
});
