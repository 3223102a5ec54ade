import { z } from "zod";

/**
 * Autotask REST payloads (camelCase on the wire), only the fields the mappers read. Field names and
 * types follow the vendor's Swagger models (ContactModel, CompanyModel, ProjectModel, PagingModel) in
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
  description: nullableString,
  lastActivityDateTime: nullableString,
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
export const atEntityInformationSchema = z.looseObject({ info: z.looseObject({ name: nullableString, canQuery: z.boolean().nullish() }) });

export type AtContact = z.output<typeof atContactSchema>;
export type AtCompany = z.output<typeof atCompanySchema>;
export type AtProject = z.output<typeof atProjectSchema>;
