import nock from "nock";
import { loadPsaFixture } from "../support/fixtures";

/** Shared by the ConnectWise test files. */
export const CW_HOST = "https://api-na.myconnectwise.net";
export const CW_BASE = "/v4_6_release/apis/3.0";
export const cwSettings = {
  site: "https://api-na.myconnectwise.net/",
  companyId: "acme",
  publicKey: "PUBKEY123",
  privateKey: "PRIVATEKEY-abcdef123456",
  clientId: "f2d1c0de-0000-4000-8000-1234567890ab",
};

/** The company status table, read once per cache period: GET /company/companies/statuses?fields=id,name,inactiveFlag. */
export function mockCompanyStatuses(times = 1): nock.Scope {
  return nock(CW_HOST)
    .get(`${CW_BASE}/company/companies/statuses`)
    .query({ fields: "id,name,inactiveFlag", pageSize: "1000" })
    .times(times)
    .reply(200, loadPsaFixture("connectwise", "company-statuses"));
}
