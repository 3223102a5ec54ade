import { suggestPsaEmail } from "../../../src/access-problems/suggest-psa-email";

const known = ["jane@acme.com", "omar@acme.com", "jsmith@acme.com", "carl@beaconbuilders.com", "dana.ruiz@cobaltcivil.com"];

describe("near-match suggestions for an email the PSA does not know", () => {
  test.each([
    ["jane.doe@acme.com", "jane@acme.com"],
    ["jane+portal@acme.com", "jane@acme.com"],
    ["jane@acme.co", "jane@acme.com"],
    ["carl@beaconbuilder.com", "carl@beaconbuilders.com"],
    ["omra@acme.com", "omar@acme.com"],
    ["danaruiz@cobaltcivil.com", "dana.ruiz@cobaltcivil.com"],
    ["dana@cobaltcivil.com", "dana.ruiz@cobaltcivil.com"],
  ])("%s suggests %s", (typed, expected) => {
    expect(suggestPsaEmail(typed, known)).toBe(expected);
  });

  test.each([["zoe@acme.com"], ["jane@otherfirm.org"], ["jane@acme.com"]])("%s gets no suggestion", (typed) => {
    expect(suggestPsaEmail(typed, known)).toBeNull();
  });
});
