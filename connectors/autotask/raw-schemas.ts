import { z } from "zod";

/**
 * Autotask REST payloads (camelCase on the wire), only the fields the mappers read. Field names and
 * types follow the vendor's Swagger models (ContactModel, CompanyModel, ProjectModel, PhaseModel, TaskModel,
 * ResourceModel, PagingModel) in
 * test/fixtures/psa/specs/autotask-openapi-subset.json; fixtures are validated against that document.
 */
const nullableString = z.string().nullish();

/** Contacts.isActive is an int32 (1/0) while Companies.isActive is a boolean; accept either everywhere. */
export const activeFlagSchema = z.union([z.boolean(), z.number().int()]).nullish();

export const atZoneSchema = z.looseObject({
  zoneName: nullableString,
  url: z.string(),
  webUrl: nullableString,
  ci: z.number().int().nullish(),
});

export const atContactSchema = z.looseObject({
  id: z.number().int(),
  companyID: z.number().int().nullish(),
  firstName: nullableString,
  lastName: nullableString,
  emailAddress: nullableString,
  emailAddress2: nullableString,
  emailAddress3: nullableString,
  isActive: activeFlagSchema,
  lastModifiedDate: nullableString,
  lastActivityDate: nullableString,
});

export const atCompanySchema = z.looseObject({
  id: z.number().int(),
  companyName: z.string(),
  isActive: activeFlagSchema,
  webAddress: nullableString,
  lastTrackedModifiedDateTime: nullableString,
  lastActivityDate: nullableString,
});

export const atProjectSchema = z.looseObject({
  id: z.number().int(),
  projectName: z.string(),
  companyID: z.number().int(),
  status: z.number().int().nullish(),
  startDateTime: nullableString,
  endDateTime: nullableString,
  completedDateTime: nullableString,
  completedPercentage: z.number().nullish(),
  originalEstimatedRevenue: z.number().nullish(),
  changeOrdersRevenue: z.number().nullish(),
  estimatedTime: z.number().nullish(),
  actualHours: z.number().nullish(),
  projectLeadResourceID: z.number().int().nullish(),
  description: nullableString,
  lastActivityDateTime: nullableString,
});

/** PhaseModel: a project's phases carry dates but no state of their own; their tasks say how far along they are. */
export const atPhaseSchema = z.looseObject({
  id: z.number().int(),
  title: nullableString,
  projectID: z.number().int().nullish(),
  parentPhaseID: z.number().int().nullish(),
  startDate: nullableString,
  dueDate: nullableString,
});

/** TaskModel, only what tells a phase's progress: which phase, and whether the task is completed. */
export const atTaskSchema = z.looseObject({
  id: z.number().int(),
  phaseID: z.number().int().nullish(),
  completedDateTime: nullableString,
});

/** ResourceModel: the project lead's name, email and office phone. */
export const atResourceSchema = z.looseObject({
  id: z.number().int(),
  firstName: nullableString,
  lastName: nullableString,
  email: nullableString,
  officePhone: nullableString,
});

export const atPageDetailsSchema = z.looseObject({
  count: z.number().int().nullish(),
  requestCount: z.number().int().nullish(),
  prevPageUrl: nullableString,
  nextPageUrl: nullableString,
});

export function queryResultSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({ items: z.array(item), pageDetails: atPageDetailsSchema.nullish() });
}

export const atCompanyItemSchema = z.looseObject({ item: atCompanySchema.nullish() });
export const atResourceItemSchema = z.looseObject({ item: atResourceSchema.nullish() });
export const atEntityInformationSchema = z.looseObject({ info: z.looseObject({ name: nullableString, canQuery: z.boolean().nullish() }) });

export type AtContact = z.output<typeof atContactSchema>;
export type AtCompany = z.output<typeof atCompanySchema>;
export type AtProject = z.output<typeof atProjectSchema>;
export type AtPhase = z.output<typeof atPhaseSchema>;
export type AtTask = z.output<typeof atTaskSchema>;
export type AtResource = z.output<typeof atResourceSchema>;
