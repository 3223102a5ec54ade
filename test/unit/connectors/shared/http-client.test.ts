import axios, { AxiosError, type AxiosAdapter, type InternalAxiosRequestConfig } from "axios";
import type { VendorProfile } from "../../../../connectors/shared/errors";
import { buildUrl, createPsaHttp } from "../../../../connectors/shared/http-client";
import { resolveDeps } from "../../../../connectors/shared/resolve-deps";
import { expectError, expectOk } from "../support/expect-result";

const vendor: VendorProfile = {
  label: "TestPSA",
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
    expect(error.message).toContain("ENOTFOUND");
    expect(calls).toHaveLength(4);
  });

  it("never retries other 4xx", async () => {
    const { client, calls } = makeClient([[400, '{"message":"bad conditions"}']]);
    const error = expectError(await client.send(request));
    expect(error).toMatchObject({ code: "psa_misconfigured" });
    expect(error.message).toContain("bad conditions");
    expect(calls).toHaveLength(1);
  });

  it("redacts secrets the PSA echoes back", async () => {
    const { client } = makeClient([[400, '{"message":"key top-secret-value is not valid"}']]);
    const error = expectError(await client.send(request));
    expect(error.message).not.toContain("top-secret-value");
    expect(error.message).toContain("***");
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
