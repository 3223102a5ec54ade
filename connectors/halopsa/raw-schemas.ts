import { z } from "zod";

/**
 * HaloPSA payloads (snake/lowercase). The vendor document has no response schemas, so the fields follow
 * its request models (Users, Area, Faults, MileStone, Uname in test/fixtures/psa/specs/halopsa-openapi-subset.json) and the list
 * envelopes seen in homotechsual/HaloAPI: {record_count, users|clients|tickets}.
 */
const nullableString = z.string().nullish();

export const haloTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: nullableString,
  expires_in: z.number().nullish(),
});

export const haloUserSchema = z.looseObject({
  id: z.number().int(),
  name: nullableString,
  firstname: nullableString,
  surname: nullableString,
  emailaddress: nullableString,
  email2: nullableString,
  email3: nullableString,
  inactive: z.boolean().nullish(),
  client_id: z.number().int().nullish(),
  ulastupdate: nullableString,
});

export const haloClientSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  inactive: z.boolean().nullish(),
  website: nullableString,
  domain: nullableString,
  alastupdate: nullableString,
});

export const haloProjectSchema = z.looseObject({
  id: z.number().int(),
  summary: nullableString,
  client_id: z.number().int(),
  status_id: z.number().int().nullish(),
  status_name: nullableString,
  agent_id: z.number().int().nullish(),
  agent_name: nullableString,
  startdate: nullableString,
  targetdate: nullableString,
  dateclosed: nullableString,
  projecttimepercentage: z.number().nullish(),
  projectmoneybudget: z.number().nullish(),
  projecttimebudget: z.number().nullish(),
  projecttimeactual: z.number().nullish(),
  details: nullableString,
  inactive: z.boolean().nullish(),
  last_update: nullableString,
  lastactiondate: nullableString,
});

/** MileStone (the document's model, listed in a project's `milestones` when it is read with includedetails). */
export const haloMilestoneSchema = z.looseObject({
  id: z.number().int(),
  name: nullableString,
  sequence: z.number().int().nullish(),
  start_date: nullableString,
  target_date: nullableString,
  _complete: z.boolean().nullish(),
});

/** GET /Projects/{id}?includedetails=true: the project ticket with its milestones. */
export const haloProjectDetailSchema = z.looseObject({ id: z.number().int(), milestones: z.array(haloMilestoneSchema).nullish() });

/** GET /Agent/{id}: the agent (the document's Uname model); it holds an email but no phone number. */
export const haloAgentSchema = z.looseObject({ id: z.number().int(), name: nullableString, email: nullableString });

export const haloUserPageSchema = z.looseObject({ record_count: z.number().int().nullish(), users: z.array(haloUserSchema) });
export const haloClientPageSchema = z.looseObject({ record_count: z.number().int().nullish(), clients: z.array(haloClientSchema) });
export const haloProjectPageSchema = z.looseObject({ record_count: z.number().int().nullish(), tickets: z.array(haloProjectSchema) });

export type HaloUser = z.output<typeof haloUserSchema>;
export type HaloClient = z.output<typeof haloClientSchema>;
export type HaloProject = z.output<typeof haloProjectSchema>;
export type HaloMilestone = z.output<typeof haloMilestoneSchema>;
export type HaloAgent = z.output<typeof haloAgentSchema>;
