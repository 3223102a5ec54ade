import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectOk } from "../support/expect-result";
import { loadPsaFixture } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { HALO, haloSettings, mockToken } from "./halopsa-settings";

function makeConnector(): PsaConnector {
  return expectOk(createConnector("halopsa", haloSettings, makeTestDeps().deps));
}

const usersPage = (page: number) => ({ includeinactive: "true", exclude_agents: "true", page_size: "2", pageinate: "true", page_no: String(page) });

describe("HaloPSA listings", () => {
  useClosedNetwork();

  it("pages with pageinate/page_size/page_no until record_count, resumable from a cursor", async () => {
    mockToken("token", 3);
    for (const page of [1, 2, 3]) {
      nock(HALO).get("/api/Users").query(usersPage(page)).reply(200, loadPsaFixture("halopsa", `users-page-${page}`));
    }

    const first = expectOk(await makeConnector().listContacts({ pageSize: 2 }));
    const second = expectOk(await makeConnector().listContacts({ cursor: first.nextCursor }));
    const third = expectOk(await makeConnector().listContacts({ cursor: second.nextCursor }));

    expect([...first.items, ...second.items, ...third.items].map((contact) => contact.externalId)).toEqual(["301", "302", "303", "304", "305"]);
    expect(third.nextCursor).toBeNull();
  });

  it("supports changed-since for projects only (datesearch); users and clients are listed in full", async () => {
    mockToken();
    nock(HALO)
      .get("/api/Projects")
      .query({ datesearch: "lastactiondate", startdate: "2025-03-01T00:00:00Z", enddate: "2025-06-02T12:00:00Z", page_size: "100", pageinate: "true", page_no: "1" })
      .reply(200, { record_count: 0, tickets: [] })
      .get("/api/Users")
      .query({ includeinactive: "true", exclude_agents: "true", page_size: "100", pageinate: "true", page_no: "1" })
      .reply(200, { record_count: 0, users: [] });
    const connector = makeConnector();
    const since = new Date("2025-03-01T00:00:00.000Z");

    expect(connector.capabilities.changedSince).toEqual({ contacts: false, companies: false, projects: true });
    expect(expectOk(await connector.listProjects({ changedSince: since }))).toEqual({ items: [], nextCursor: null });
    expect(expectOk(await connector.listContacts({ changedSince: since }))).toEqual({ items: [], nextCursor: null });
  });
});
