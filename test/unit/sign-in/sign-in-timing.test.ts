import type { Firm } from "../../../src/generated/prisma/client";
import type { Db } from "../../../src/platform/db/prisma";
import type { Lockout } from "../../../src/sign-in/lockout";
import { loadConfig } from "../../../config";

// Count argon2 verifications without changing what they do.
const verifyCalls: string[] = [];
jest.mock("@node-rs/argon2", () => {
  const actual = jest.requireActual("@node-rs/argon2");
  return {
    ...actual,
    verify: (hash: string, password: string) => {
      verifyCalls.push(hash);
      return actual.verify(hash, password);
    },
  };
});

import { authenticatePortalAccount } from "../../../src/sign-in/use-cases/authenticate-portal-account";

const firm = { id: "firm-1", settings: {} } as unknown as Firm;
const unlocked: Lockout = {
  emailState: async () => ({ locked: false }),
  attempt: async (_scope, check) => ({ ok: true, value: await check() }),
  clear: async () => undefined,
};

test("an unknown email costs one argon2 verification, like a wrong password for a real account", async () => {
  const db = { portalAccount: { findUnique: async () => null } } as unknown as Db;
  verifyCalls.length = 0;
  const outcome = await authenticatePortalAccount({ db, config: loadConfig({}), lockout: unlocked }, firm, "nobody@example.com", "some password", "127.0.0.1");
  expect(outcome).toMatchObject({ ok: false, reason: "fail_unknown_email" });
  expect(verifyCalls).toHaveLength(1);
  expect(verifyCalls[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

test("an invited account without a password is also verified against the dummy hash", async () => {
  const db = { portalAccount: { findUnique: async () => ({ id: "a", passwordHash: null, status: "invited" }) } } as unknown as Db;
  verifyCalls.length = 0;
  const outcome = await authenticatePortalAccount({ db, config: loadConfig({}), lockout: unlocked }, firm, "invited@example.com", "some password", "127.0.0.1");
  expect(outcome).toMatchObject({ ok: false, reason: "fail_not_claimed" });
  expect(verifyCalls).toHaveLength(1);
});
