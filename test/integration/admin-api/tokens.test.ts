import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { hashApiToken } from "../../../src/api-tokens/api-token-secret";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { signedInStaff } from "../../helpers/staff";
import { API, apiToken, asToken, documentedShapeErrors } from "../../helpers/api";

let gw: TestGateway;
let firmA: Firm;
let firmB: Firm;

beforeAll(async () => {
  gw = await startTestGateway();
  [firmA, firmB] = await Promise.all([createFirm(gw.db), createFirm(gw.db)]);
}, 120_000);
afterAll(() => gw.close());

describe("who may call the admin API", () => {
  test("no token, a malformed one and an unknown one are refused alike, with the catalogue's JSON error", async () => {
    const answers = [
      await request(gw.app).get(`${API}/firm`),
      await request(gw.app).get(`${API}/firm`).set("Authorization", "Bearer not-a-token"),
      await request(gw.app).get(`${API}/firm`).set("Authorization", `Bearer pgw_${"A".repeat(43)}`),
      await request(gw.app).get(`${API}/firm`).set("Authorization", "Basic dXNlcjpwYXNz"),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(res.body.error.code).toBe("api_token_invalid");
      expect(documentedShapeErrors("get", "/firm", 401, res.body)).toEqual([]);
    }
  });

  test("a staff member's console session is not a way in: the API reads no cookie", async () => {
    const staff = await signedInStaff(gw, firmA, "owner");
    const res = await staff.get(`${API}/firm`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("api_token_invalid");
    expect(res.headers["set-cookie"]).toBeUndefined();
  });

  test("a token reads its own firm only: firm A's token never sees firm B, and the reverse", async () => {
    const [a, b] = [await apiToken(gw, firmA, "support"), await apiToken(gw, firmB, "support")];
    const seenByA = await asToken(gw, a).get("/firm");
    const seenByB = await asToken(gw, b).get("/firm");
    expect(seenByA.status).toBe(200);
    expect(documentedShapeErrors("get", "/firm", 200, seenByA.body)).toEqual([]);
    expect([seenByA.body.slug, seenByB.body.slug]).toEqual([firmA.slug, firmB.slug]);
    expect(JSON.stringify(seenByA.body)).not.toContain(firmB.slug);
    expect(JSON.stringify(seenByB.body)).not.toContain(firmA.slug);
  });

  test("a revoked token stops working on its next request", async () => {
    const token = await apiToken(gw, firmA, "admin");
    expect((await asToken(gw, token).get("/firm")).status).toBe(200);
    const { id } = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(token) } });
    const revoked = await asToken(gw, await apiToken(gw, firmA, "owner")).post(`/tokens/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedBy).toBe("api-token:test owner");
    const after = await asToken(gw, token).get("/firm");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("api_token_invalid");
  });

  test("a token's last use is recorded, at most once a minute", async () => {
    const token = await apiToken(gw, firmA, "support");
    const where = { tokenHash: hashApiToken(token) };
    expect((await gw.db.apiToken.findUniqueOrThrow({ where })).lastUsedAt).toBeNull();
    await asToken(gw, token).get("/firm");
    const first = (await gw.db.apiToken.findUniqueOrThrow({ where })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await asToken(gw, token).get("/firm");
    expect((await gw.db.apiToken.findUniqueOrThrow({ where })).lastUsedAt).toEqual(first);
  });
});

describe("tokens: list and revoke, per role", () => {
  test("every role lists the firm's tokens a page at a time; no answer holds a token or its hash", async () => {
    const firm = await createFirm(gw.db);
    const tokens = [await apiToken(gw, firm, "owner"), await apiToken(gw, firm, "admin"), await apiToken(gw, firm, "support")];
    for (const token of tokens) {
      const first = await asToken(gw, token).get("/tokens?limit=2");
      expect(first.status).toBe(200);
      expect(documentedShapeErrors("get", "/tokens", 200, first.body)).toEqual([]);
      expect(first.body.items).toHaveLength(2);
      const second = await asToken(gw, token).get(`/tokens?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();
      const ids = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
      expect(new Set(ids).size).toBe(3);
      const everything = JSON.stringify([first.body, second.body]);
      for (const secret of tokens) {
        expect(everything).not.toContain(secret);
        expect(everything).not.toContain(hashApiToken(secret));
      }
    }
  });

  test("a cursor that is not one of the API's is a 400 that names it", async () => {
    const res = await asToken(gw, await apiToken(gw, firmA)).get("/tokens?cursor=bm90LWEtY3Vyc29y");
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual(expect.objectContaining({ code: "validation_failed", message: expect.stringContaining("cursor") }));
  });

  test("owners and admins revoke; support is refused and the token keeps working", async () => {
    const target = await apiToken(gw, firmA, "support");
    const { id } = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(target) } });
    const bySupport = await asToken(gw, await apiToken(gw, firmA, "support")).post(`/tokens/${id}/revoke`);
    expect(bySupport.status).toBe(403);
    expect(bySupport.body.error.code).toBe("owners_and_admins_only");
    expect(documentedShapeErrors("post", "/tokens/{tokenId}/revoke", 403, bySupport.body)).toEqual([]);
    expect((await asToken(gw, target).get("/firm")).status).toBe(200);
    for (const role of ["admin", "owner"] as const) {
      const victim = await apiToken(gw, firmA, "support");
      const row = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(victim) } });
      const res = await asToken(gw, await apiToken(gw, firmA, role)).post(`/tokens/${row.id}/revoke`);
      expect(res.status).toBe(200);
      expect(documentedShapeErrors("post", "/tokens/{tokenId}/revoke", 200, res.body)).toEqual([]);
      expect((await asToken(gw, victim).get("/firm")).status).toBe(401);
    }
  });

  test("firm A's admin cannot revoke firm B's token, nor B's admin A's: a 404, and the token still works", async () => {
    for (const [mine, theirs] of [[firmA, firmB], [firmB, firmA]] as const) {
      const victim = await apiToken(gw, theirs, "support");
      const { id } = await gw.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(victim) } });
      const res = await asToken(gw, await apiToken(gw, mine, "owner")).post(`/tokens/${id}/revoke`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
      expect((await asToken(gw, victim).get("/firm")).status).toBe(200);
      const listed = await asToken(gw, await apiToken(gw, mine, "owner")).get("/tokens?limit=200");
      expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    }
  });
});

test("each token has its own rate limit: past it, 429 with Retry-After; another token is unaffected", async () => {
  const limited = await startTestGateway({ env: { API_REQUESTS_PER_MINUTE: "3" } });
  try {
    const firm = await createFirm(limited.db);
    const [busy, calm] = [await apiToken(limited, firm), await apiToken(limited, firm)];
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await asToken(limited, busy).get("/firm")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await asToken(limited, busy).get("/firm");
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await asToken(limited, calm).get("/firm")).status).toBe(200);
  } finally {
    await limited.close();
  }
}, 120_000);
