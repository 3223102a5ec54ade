import axios, { AxiosError, type AxiosAdapter, type InternalAxiosRequestConfig } from "axios";
import type { VendorProfile } from "../../../../connectors/shared/errors";
import { buildUrl, createPsaHttp } from "../../../../connectors/shared/http-client";
import { resolveDeps } from "../../../../connectors/shared/resolve-deps";
import { expectError, expectOk } from "../support/expect-result";

const vendor: VendorProfile = {
  label: "TestPSA",
  addressField: "site",
  secrets: ["top-secret-value"],
  describeAuthFailure: () => ({ message: "TestPSA rejected the key", detail: "key" }),
};

/** An axios instance whose transport plays back a script: an error code to throw, or a [status, body] reply. */
function scriptedHttp(script: Array<string | [number, string]>) {
  const calls: string[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
    calls.push(config.url ?? "");
    const step = script.shift();
    if (step === undefined || typeof step === "string") throw new AxiosError("transport failure", step ?? "ECONNRESET", config);
    return { data: step[1], status: step[0], statusText: "", headers: {}, config };
  };
  return { http: axios.create({ adapter }), calls };
}

function makeClient(script: Array<string | [number, string]>) {
  const { http, calls } = scriptedHttp(script);
  const sleeps: number[] = [];
  const warnings: Array<Record<string, unknown>> = [];
  const deps = resolveDeps({
    http,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0,
    logger: { warn: (obj) => void warnings.push(obj), info: () => undefined },
  });
  const client = createPsaHttp({ vendor, deps, resilienceKey: "test", maxConcurrent: 2, budget: null });
  return { client, calls, sleeps, warnings };
}

const request = { method: "GET" as const, url: "https://psa.example/api/things", operation: "list things" };

describe("the shared HTTP client", () => {
  it("retries a network error, then succeeds", async () => {
    const { client, calls, sleeps } = makeClient(["ECONNRESET", [200, '{"ok":true}']]);
    expect(expectOk(await client.send(request)).data).toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([125]);
  });

  it("reports an unreachable PSA after the retries", async () => {
    const { client, calls } = makeClient(["ENOTFOUND", "ENOTFOUND", "ENOTFOUND", "ENOTFOUND"]);
    const error = expectError(await client.send(request));
    expect(error.code).toBe("psa_unavailable");
    expect(error.message).toContain("could not reach the PSA at psa.example over HTTPS");
    expect(calls).toHaveLength(4);
  });

  // Issue 14 finding 1: the connection form must not tell a closed port from a plain-HTTP one, a TLS one or a
  // silent one. Each transport failure gives the very same sentence.
  it.each(["ECONNREFUSED", "EPROTO", "ERR_SSL_WRONG_VERSION_NUMBER", "DEPTH_ZERO_SELF_SIGNED_CERT", "ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "EHOSTUNREACH"])(
    "%s gives the same message as a refused connection",
    async (code) => {
      const refused = expectError(await makeClient(["ECONNREFUSED"]).client.send({ ...request, operation: "x" }).then((r) => r)).message;
      const { client } = makeClient([code, code, code, code]);
      expect(expectError(await client.send({ ...request, operation: "x" })).message).toBe(refused);
    },
  );

  it("never retries other 4xx", async () => {
    const { client, calls } = makeClient([[400, '{"message":"bad conditions"}']]);
    const error = expectError(await client.send(request));
    expect(error).toMatchObject({ code: "psa_misconfigured" });
    expect(calls).toHaveLength(1);
  });

  // Issue 14 finding 1: whatever answers at a PSA address, its body is never shown to people.
  it.each([400, 404, 405, 500, 503])("never echoes what the PSA answered with HTTP %i, only the status", async (status) => {
    const { client } = makeClient([[status, '{"message":"redis_version:7.0.15 top-secret-value"}'], [status, "+PONG redis_version"], [status, "x"], [status, "x"]]);
    const error = expectError(await client.send(request));
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).not.toMatch(/redis|PONG|top-secret/);
  });

  it("logs retries without URLs, headers or bodies", async () => {
    const { client, warnings } = makeClient([[503, ""], [200, "{}"]]);
    expectOk(await client.send({ ...request, headers: { Authorization: "Bearer top-secret-value" } }));
    expect(warnings).toEqual([{ connector: "TestPSA", operation: "list things", attempt: 1, status: 503, waitMs: 125 }]);
  });

  it("percent-encodes every query value", () => {
    expect(buildUrl("https://x/a", { q: 'v="a+b@c.com" AND x', n: 1, skip: undefined })).toBe("https://x/a?q=v%3D%22a%2Bb%40c.com%22%20AND%20x&n=1");
  });
});
