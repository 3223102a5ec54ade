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
  description: z.string().nullish(),
  _info: info,
});

export const cwContactListSchema = z.array(cwContactSchema);
export const cwCompanyListSchema = z.array(cwCompanySchema);
export const cwProjectListSchema = z.array(cwProjectSchema);
export const cwCountSchema = z.looseObject({ count: z.number().int() });

export type CwContact = z.output<typeof cwContactSchema>;
export type CwCompany = z.output<typeof cwCompanySchema>;
export type CwProject = z.output<typeof cwProjectSchema>;
