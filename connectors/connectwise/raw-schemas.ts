import { z } from "zod";

/**
 * ConnectWise PSA payloads, only the fields the mappers read (vendor-apis.md §1.4; models from
 * pyconnectwise `Contact`, `Company`, `Project`). Objects are loose: ConnectWise adds fields every release.
 */
const reference = z.looseObject({
  id: z.number().int(),
  identifier: z.string().nullish(),
  name: z.string().nullish(),
});

const info = z.looseObject({ lastUpdated: z.string().nullish() }).nullish();

export const cwCommunicationItemSchema = z.looseObject({
  value: z.string().nullish(),
  communicationType: z.string().nullish(),
  defaultFlag: z.boolean().nullish(),
});

export const cwContactSchema = z.looseObject({
  id: z.number().int(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: reference.nullish(),
  inactiveFlag: z.boolean().nullish(),
  communicationItems: z.array(cwCommunicationItemSchema).nullish(),
  _info: info,
});

export const cwCompanySchema = z.looseObject({
  id: z.number().int(),
  identifier: z.string().nullish(),
  name: z.string(),
  deletedFlag: z.boolean().nullish(),
  status: reference.nullish(),
  website: z.string().nullish(),
  _info: info,
});

export const cwProjectSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  company: reference,
  status: reference.nullish(),
  closedFlag: z.boolean().nullish(),
  manager: reference.nullish(),
  estimatedStart: z.string().nullish(),
  estimatedEnd: z.string().nullish(),
  actualStart: z.string().nullish(),
  actualEnd: z.string().nullish(),
  percentComplete: z.number().nullish(),
  billingAmount: z.number().nullish(),
  budgetHours: z.number().nullish(),
  actualHours: z.number().nullish(),
  description: z.string().nullish(),
  _info: info,
});

/**
 * GET /project/projects/{id}/phases: ProjectPhase (ConnectWise's model as generated from its API document in
 * sowderca/connectwise-ruby-sdk docs/ProjectPhase.md): `description` is the phase's name, `status` a
 * PhaseStatusReference, `markAsMilestoneFlag`, scheduled/actual start and end, `deadlineDate`.
 */
export const cwPhaseSchema = z.looseObject({
  id: z.number().int(),
  description: z.string().nullish(),
  status: z.looseObject({ name: z.string().nullish() }).nullish(),
  markAsMilestoneFlag: z.boolean().nullish(),
  wbsCode: z.string().nullish(),
  scheduledStart: z.string().nullish(),
  scheduledEnd: z.string().nullish(),
  actualStart: z.string().nullish(),
  actualEnd: z.string().nullish(),
  deadlineDate: z.string().nullish(),
});

/** GET /system/members/{id}: Member (docs/Member.md in the same SDK): office email and phone are the business contact. */
export const cwMemberSchema = z.looseObject({
  id: z.number().int(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  officeEmail: z.string().nullish(),
  officePhone: z.string().nullish(),
});

/**
 * A company's `status` is a reference `{id, name}` to a CompanyStatus record, and the status, not the company,
 * says whether companies in it are inactive (`inactiveFlag`): spinen/connectwise-php-client
 * src/Models/v2018_5/Company/CompanyStatus.php (id, name, defaultFlag, inactiveFlag, ...) and
 * CompanyStatusReference.php (id, name, _info). Read from GET /company/companies/statuses.
 */
export const cwCompanyStatusSchema = z.looseObject({
  id: z.number().int(),
  name: z.string().nullish(),
  inactiveFlag: z.boolean().nullish(),
});

/** GET https://{site}/login/companyinfo/{companyId} (Developer Guide "Calling Company Info"); no auth. */
export const cwCompanyInfoSchema = z.looseObject({
  Codebase: z.string(),
  CompanyID: z.string().nullish(),
  IsCloud: z.union([z.string(), z.boolean()]).nullish(),
  VersionCode: z.string().nullish(),
});

export const cwContactListSchema = z.array(cwContactSchema);
export const cwCompanyListSchema = z.array(cwCompanySchema);
export const cwProjectListSchema = z.array(cwProjectSchema);
export const cwPhaseListSchema = z.array(cwPhaseSchema);
export const cwCompanyStatusListSchema = z.array(cwCompanyStatusSchema);
export const cwCountSchema = z.looseObject({ count: z.number().int() });

export type CwContact = z.output<typeof cwContactSchema>;
export type CwCompany = z.output<typeof cwCompanySchema>;
export type CwProject = z.output<typeof cwProjectSchema>;
export type CwPhase = z.output<typeof cwPhaseSchema>;
export type CwMember = z.output<typeof cwMemberSchema>;
