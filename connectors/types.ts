/**
 * The PSA connector contract. Everything that crosses it is a normalized record; vendor payloads never
 * leave a connector. Connectors import nothing from src/, Prisma, Redis or Express: their settings,
 * credentials and HTTP client arrive as arguments.
 */

/** A PSA contact, normalized. `externalId` is the PSA's immutable id for the contact. */
export interface PsaContact {
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  /** Every email the PSA holds for the contact, each passed through normalizeEmail, primary first. */
  emails: string[];
  /** External ids of the companies this contact belongs to (usually one; some PSAs allow several). */
  companyExternalIds: string[];
  active: boolean;
  updatedAt: Date | null;
}

export interface PsaCompany {
  externalId: string;
  name: string;
  active: boolean;
  /**
   * The company's web domains, lower-cased host names without "www." (from its website in the PSA), so that a
   * contact in several companies lands on the one of their own email's domain. Empty when the PSA has none.
   */
  domains: string[];
  updatedAt: Date | null;
}

export interface PsaProject {
  externalId: string;
  companyExternalId: string;
  name: string;
  status: string | null;
  phase: string | null;
  manager: string | null;
  /** The manager's id in the PSA (a member, resource or agent), passed back to `getProjectDetails` for their contact. */
  managerExternalId: string | null;
  startDate: Date | null;
  endDate: Date | null;
  budget: number | null;
  /** Amount invoiced to date, where the PSA keeps it on the project record (null: not kept there). */
  invoiced: number | null;
  /** Hours budgeted and hours used (logged) so far, where the PSA keeps them on the project record. */
  hoursBudget: number | null;
  hoursUsed: number | null;
  percentComplete: number | null;
  description: string | null;
  /** Whether the PSA considers the project open/active (closed, completed and cancelled are not). */
  active: boolean;
  updatedAt: Date | null;
}

/** Where a phase or milestone stands, as far as the PSA says; "unknown" when it keeps no state for it. */
export type PsaPhaseState = "done" | "in_progress" | "not_started" | "unknown";

/** One step of a project's schedule: a phase (ConnectWise, Autotask), a milestone or a child ticket (HaloPSA). */
export interface PsaPhase {
  externalId: string;
  name: string;
  startDate: Date | null;
  /** When it is due: the actual end once it is done, else the scheduled or target end. */
  endDate: Date | null;
  state: PsaPhaseState;
  /** The PSA marks it as a milestone (a checkpoint, not a stretch of work). */
  milestone: boolean;
}

/** A person's contact details as the PSA holds them; each part null where it has none. */
export interface PsaPerson {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** What a project's own page shows besides the project record, read only when that page is opened. */
export interface PsaProjectDetails {
  /** In schedule order. Null when this PSA (or this connector) keeps no phases or milestones for projects. */
  phases: PsaPhase[] | null;
  /** The project manager's contact details; null when the project has no manager or the PSA would not say. */
  manager: PsaPerson | null;
}

/** One page of a listing. `nextCursor` is null on the last page; pass it back to resume. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListOptions {
  cursor?: string | null;
  /** Only records changed at or after this time, where the PSA supports it (see `capabilities`). */
  changedSince?: Date | null;
  pageSize?: number;
}

/** Error codes a connector returns. Every one maps to an action an admin can take. */
export type PsaErrorCode =
  | "psa_credentials_rejected"
  | "psa_not_found"
  | "psa_rate_limited"
  | "psa_unavailable"
  | "psa_unexpected_payload"
  | "psa_circuit_open"
  | "psa_misconfigured";

export interface PsaError {
  code: PsaErrorCode;
  /** A sentence for a person, with no secrets and no stack trace. */
  message: string;
  /** Which credential or field is at fault, where known. */
  detail?: string;
  /** For psa_rate_limited: when a retry may succeed. */
  retryAfterMs?: number;
}

export type PsaResult<T> = { ok: true; value: T } | { ok: false; error: PsaError };

export interface PsaCapabilities {
  /** The PSA can filter listings by last-modified time; when false the sync must list everything. */
  changedSince: { contacts: boolean; companies: boolean; projects: boolean };
}

export interface PsaConnector {
  readonly kind: string;
  readonly capabilities: PsaCapabilities;
  /** Contacts holding this email in any of their email fields, matched exactly after normalizeEmail. */
  findContactsByEmail(email: string): Promise<PsaResult<PsaContact[]>>;
  getCompany(externalId: string): Promise<PsaResult<PsaCompany | null>>;
  /**
   * Several companies in as few requests as the PSA allows (a contact's companies on a page load: ConnectWise
   * `id in (...)`, Autotask an `in` filter). Ids the PSA does not know are simply absent; order is not promised.
   */
  getCompanies(externalIds: readonly string[]): Promise<PsaResult<PsaCompany[]>>;
  listCompanyProjects(companyExternalId: string): Promise<PsaResult<PsaProject[]>>;
  /**
   * A project's phases or milestones and its manager's contact details: the calls a project's own page needs and
   * a list of projects does not. A manager the API user may not read is `manager: null`, not a failure.
   */
  getProjectDetails(project: Pick<PsaProject, "externalId" | "managerExternalId" | "manager">): Promise<PsaResult<PsaProjectDetails>>;
  listContacts(options?: ListOptions): Promise<PsaResult<Page<PsaContact>>>;
  listCompanies(options?: ListOptions): Promise<PsaResult<Page<PsaCompany>>>;
  listProjects(options?: ListOptions): Promise<PsaResult<Page<PsaProject>>>;
  /** A cheap authenticated call, for the admin's "Test connection" button. */
  verifyConnection(): Promise<PsaResult<{ description: string }>>;
  /**
   * Checks a webhook delivery signed with a key the PSA publishes (webhooks.signing.kind "vendor_key"): the key is
   * fetched only from this connection's own PSA host, through the address guard, and cached.
   */
  verifyWebhook?(delivery: WebhookDelivery): Promise<SignatureCheck>;
}

/**
 * Where a firm's staff change, in their PSA, what the sync reads: the console names these in its suggested fixes
 * ("add jane.doe@acme.com to the contact's ..."), so src/ never names a vendor's fields itself.
 */
export interface PsaRecordFields {
  /** Where a contact's email addresses are kept. */
  contactEmails: string;
  /** What makes a contact inactive. */
  contactActive: string;
  /** Where a contact's company is set. */
  contactCompany: string;
  /** What makes a company inactive. */
  companyActive: string;
}

/** What a PSA's webhook says changed: whose cached answers may now be wrong. */
export interface PsaChange {
  /** Emails named by the change, each through normalizeEmail. */
  emails: string[];
  companyExternalIds: string[];
  /** The contact the event is about, when it is about one (its emails and companies before the change are in the snapshot). */
  contactExternalId?: string;
  /** For the log line and the response, e.g. "contact 57961 updated". */
  summary: string;
}

/** One webhook delivery as the gateway received it, for a signature check. */
export interface WebhookDelivery {
  /** A request header by (lower-case) name. */
  header(name: string): string | undefined;
  /** The body's bytes as received: a signature covers exactly these. */
  rawBody: Buffer;
  /** The body, parsed as JSON. */
  body: unknown;
}

/** What a delivery's signature says: absent, right, wrong, or not checkable now (the signing key could not be read). */
export type SignatureCheck =
  | { status: "valid" }
  | { status: "unsigned" }
  | { status: "invalid"; reason: string }
  | { status: "unverifiable"; error: PsaError };

/** A value the firm's admin pastes into the PSA, under the PSA's own name for the field. */
export interface WebhookSetupValue {
  field: string;
  value: string;
}

/** What the firm's admin sets up in the PSA, in the vendor's words: where, the values to paste, and what else to choose. */
export interface WebhookSetup {
  where: string;
  paste: WebhookSetupValue[];
  notes: string[];
}

/**
 * A connector whose PSA posts changes to the gateway declares it with this member of its definition
 * (connectors/shared/deps.ts); the gateway asks for it instead of naming vendors. Absent: the PSA's changes
 * show after the cache lifetime, or at once with the console's re-check.
 */
export interface PsaWebhooks {
  /** One delivery's JSON body as a change; a body that is not this PSA's payload fails with psa_unexpected_payload. */
  parse(body: unknown): PsaResult<PsaChange>;
  /**
   * How the PSA signs deliveries. `shared_secret`: with a secret the admin pastes into the PSA (the gateway makes one
   * with the address, and once a firm has one, an unsigned delivery is refused); `header` carries the signature and
   * `matches` checks it. `vendor_key`: with a key the PSA publishes; the firm's connector checks it (`verifyWebhook`).
   * Absent: deliveries are admitted by the address's own secret.
   */
  signing?: { kind: "shared_secret"; header: string; matches(headerValue: string, rawBody: Buffer, secret: string): boolean } | { kind: "vendor_key" };
  /**
   * The PSA appends the record id to the address it was given (ConnectWise): `addressForPsa` turns the gateway's
   * address into one the append cannot break (ending in `?recordId=`), and the gateway also accepts the id appended
   * to the secret itself, from an address registered before.
   */
  appendsRecordId?: boolean;
  addressForPsa?(address: string): string;
  /** What the admin sets up in the PSA; `address` is what to paste (addressForPsa applied), `signingSecret` the shared one. */
  setup(input: { address: string; signingSecret: string | null }): WebhookSetup;
}
