import { findIntendedContact, isNameForm } from "../../../src/access-problems/find-intended-contact";
import type { CandidateContact } from "../../../src/access-problems/find-intended-contact";

let id = 0;
const contact = (first: string | null, last: string | null, ...emails: string[]): CandidateContact => ({ externalId: String(++id), firstName: first, lastName: last, emails, companyExternalIds: ["ACME"] });
const domainsOf = (contacts: CandidateContact[]) => [...new Set(contacts.flatMap((c) => c.emails.map((e) => e.slice(e.lastIndexOf("@") + 1))))];
const find = (email: string, contacts: CandidateContact[]) => findIntendedContact(email, contacts, domainsOf(contacts));

// The demo PSA's people (config/demo-psa/contacts.csv) and a few more.
const demo = [
  contact("Jane", "Smith", "jane@acme.com", "jsmith@acme.com"),
  contact("Omar", "Haddad", "omar@acme.com"),
  contact("Carl", "Berg", "carl@beaconbuilders.com"),
  contact("Dana", "Ruiz", "dana.ruiz@cobaltcivil.com"),
];

describe("the PSA contact an account was meant for, and how the addresses differ", () => {
  test("a space or an invisible character pasted into the PSA's field (case never differs: both sides are normalized)", () => {
    const spaced = [contact("Pat", "Lee", "pat @deltadental.com")];
    expect(find("pat@deltadental.com", spaced)).toMatchObject({ kind: "case_whitespace", psaEmail: "pat @deltadental.com" });
    const invisible = [contact("Pat", "Lee", "pat@deltadental.com\u200b")];
    expect(find("pat@deltadental.com", invisible)).toMatchObject({ kind: "case_whitespace", contact: invisible[0] });
  });

  test("a plus-alias on either side", () => {
    expect(find("jane+portal@acme.com", demo)).toMatchObject({ kind: "plus_alias", psaEmail: "jane@acme.com", contact: demo[0] });
    const tagged = [contact("Omar", "Haddad", "omar+crm@acme.com")];
    expect(find("omar@acme.com", tagged)).toMatchObject({ kind: "plus_alias", psaEmail: "omar+crm@acme.com" });
  });

  test("dots only where the provider ignores them: Gmail (and googlemail.com), not Outlook", () => {
    const gmail = [contact("Mia", "Wong", "miawong@googlemail.com")];
    expect(find("mia.wong@gmail.com", gmail)).toMatchObject({ kind: "provider_dots", psaEmail: "miawong@googlemail.com" });
    const outlook = [contact("Mia", "Wong", "miawong@outlook.com")];
    expect(find("mia.wong@outlook.com", outlook)?.kind).not.toBe("provider_dots");
  });

  test("a typo in the account's domain, with or without a contact behind the corrected address", () => {
    expect(find("jane@acme.cmo", demo)).toMatchObject({ kind: "typo_domain", psaEmail: "jane@acme.com", typoIn: "account", contact: demo[0] });
    expect(find("carl@beaconbuilder.com", demo)).toMatchObject({ kind: "typo_domain", psaEmail: "carl@beaconbuilders.com" });
    expect(find("lee@gmial.com", demo)).toMatchObject({ kind: "typo_domain", psaEmail: "lee@gmail.com", contact: null });
  });

  test("a typo in the PSA's domain", () => {
    const psaTypo = [...demo, contact("Lena", "Ortiz", "lena@acme.cmo")];
    expect(find("lena@acme.com", psaTypo)).toMatchObject({ kind: "typo_domain", psaEmail: "lena@acme.cmo", typoIn: "psa" });
  });

  test.each([["jane.doe@acme.com"], ["j.doe@acme.com"], ["jdoe@acme.com"], ["doe.jane@acme.com"], ["janed@acme.com"]])("the same person under %s, by the contact's names", (email) => {
    const people = [contact("Jane", "Doe", "jane@acme.com"), contact("Omar", "Haddad", "omar@acme.com")];
    expect(find(email, people)).toMatchObject({ kind: "same_person", psaEmail: "jane@acme.com", contact: people[0] });
  });

  test("the same person the other way round: the account has jane, the PSA jane.doe", () => {
    const people = [contact("Jane", "Doe", "jane.doe@acme.com")];
    expect(find("jane@acme.com", people)).toMatchObject({ kind: "same_person", psaEmail: "jane.doe@acme.com" });
  });

  test("two people a name could mean is no suggestion", () => {
    const does = [contact("Jane", "Doe", "jane@acme.com"), contact("John", "Doe", "john@acme.com")];
    expect(find("j.doe@acme.com", does)).toBeNull();
  });

  test.each([
    ["jane.doe@acme.com", "jane@acme.com"],
    ["omra@acme.com", "omar@acme.com"],
    ["danaruiz@cobaltcivil.com", "dana.ruiz@cobaltcivil.com"],
    ["dana@cobaltcivil.com", "dana.ruiz@cobaltcivil.com"],
  ])("%s reads like %s without names to go by", (email, expected) => {
    expect(find(email, demo)?.psaEmail).toBe(expected);
  });

  test.each([["zoe@acme.com"], ["jane@otherfirm.org"], ["jane@acme.com"]])("%s gets no suggestion", (email) => {
    expect(find(email, demo)).toBeNull();
  });

  test("name forms", () => {
    for (const local of ["jane", "doe", "jane.doe", "doe_jane", "j.doe", "jdoe", "janed", "doej", "jane-doe"]) expect(isNameForm(local, "jane", "doe")).toBe(true);
    for (const local of ["jd", "jane.smith", "info", "j"]) expect(isNameForm(local, "jane", "doe")).toBe(false);
  });
});
