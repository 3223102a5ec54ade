import request from "supertest";
import type { Express } from "express";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { API } from "../../helpers/api";

let gw: TestGateway;
beforeAll(async () => (gw = await startTestGateway()), 120_000);
afterAll(() => gw.close());

interface RouterLayer {
  match(path: string): boolean;
  handle: { stack?: RouterLayer[] };
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every method + path the running app answers under the admin API's mount, read from Express's own router. */
function registeredApiRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: RouterLayer[] } }).router.stack;
  const mounts = stack.filter((layer) => layer.handle.stack && layer.match(API));
  return mounts.flatMap((mount) =>
    (mount.handle.stack ?? []).flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route!.path}`) : [])),
  );
}

test("the OpenAPI 3.1 document is served without a token", async () => {
  const res = await request(gw.app).get(`${API}/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.body.openapi).toBe("3.1.0");
  expect(res.body.components.securitySchemes.apiToken).toEqual(expect.objectContaining({ type: "http", scheme: "bearer" }));
});

test("every route the API answers is in the document, and every documented route is answered", async () => {
  const doc = (await request(gw.app).get(`${API}/openapi.json`)).body as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path.replace(/\{([^}]+)\}/g, ":$1")}`));
  const registered = registeredApiRoutes(gw.app).filter((route) => route !== "get /openapi.json");
  expect(registered.length).toBeGreaterThan(0);
  expect([...registered].sort()).toEqual([...documented].sort());
});

test("each documented operation says who may call it, what it takes and every error it may answer", async () => {
  const doc = (await request(gw.app).get(`${API}/openapi.json`)).body as { paths: Record<string, Record<string, { operationId: string; description: string; responses: Record<string, unknown> }>> };
  const operations = Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod));
  expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
  for (const operation of operations) {
    expect(operation.description).toMatch(/^Who may call it: /);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["401", "429", "400", "500"]));
  }
});

test("a path the API does not have is a JSON 404, not the portal's HTML page", async () => {
  const res = await request(gw.app).get(`${API}/no-such-thing`).set("Accept", "text/html");
  expect(res.status).toBe(404);
  expect(res.body.error.code).toBe("not_found");
});
