import { createFirmDirectory } from "../../../src/firms/firm-directory";
import type { Db } from "../../../src/platform/db/prisma";

function fakeDb() {
  const calls = { firm: 0, alias: 0, domain: 0 };
  const firm = { id: "f1", slug: "acme" };
  const db = {
    firm: { findUnique: async ({ where }: { where: { slug: string } }) => (calls.firm++, where.slug === "acme" ? firm : null) },
    firmSlugAlias: { findUnique: async () => (calls.alias++, null) },
    firmDomain: { findUnique: async () => (calls.domain++, null) },
  } as unknown as Db;
  return { db, calls };
}

test("slug and host lookups are read once per cache lifetime, and forget() drops them", async () => {
  const { db, calls } = fakeDb();
  const directory = createFirmDirectory(db, 5);
  for (let i = 0; i < 3; i++) {
    expect(await directory.bySlug("acme")).toEqual({ firm: { id: "f1", slug: "acme" } });
    expect(await directory.bySlug("nope")).toBeNull();
    expect(await directory.byHost("portal.example")).toBeNull();
  }
  expect(calls).toEqual({ firm: 2, alias: 1, domain: 1 });
  directory.forget("f1");
  await directory.bySlug("acme");
  await directory.bySlug("nope");
  expect(calls.firm).toBe(4); // the firm's entries and the negative ones were dropped
});

test("a zero lifetime turns caching off", async () => {
  const { db, calls } = fakeDb();
  const directory = createFirmDirectory(db, 0);
  await directory.bySlug("acme");
  await directory.bySlug("acme");
  expect(calls.firm).toBe(2);
});
