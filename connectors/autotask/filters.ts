import { formatUtcSeconds } from "../shared/dates";
import type { AutotaskFilter } from "./client";

/**
 * Query filters (REST_Basic_Query_Calls.htm / REST_Advanced_Query_Features.htm). Top-level items are
 * ANDed; "or" groups take `items` (django-autotask ApiCondition). A query needs at least one filter, so
 * a full listing asks for id >= 0.
 */
export function buildEveryRecordFilter(): AutotaskFilter[] {
  return [{ op: "gte", field: "id", value: 0 }];
}

/** A contact has three email slots; match any of them. */
export function buildEmailFilter(email: string): AutotaskFilter[] {
  return [
    {
      op: "or",
      items: ["emailAddress", "emailAddress2", "emailAddress3"].map((field) => ({ op: "eq", field, value: email })),
    },
  ];
}

export function buildCompanyProjectsFilter(companyId: number): AutotaskFilter[] {
  return [{ op: "eq", field: "companyID", value: companyId }];
}

/**
 * Changed-since uses each entity's modification timestamp: Contacts.lastModifiedDate,
 * Companies.lastTrackedModifiedDateTime, Projects.lastActivityDateTime (fields of the vendor models).
 */
export const changedSinceFields = {
  Contacts: "lastModifiedDate",
  Companies: "lastTrackedModifiedDateTime",
  Projects: "lastActivityDateTime",
} as const;

export function buildListFilter(entity: keyof typeof changedSinceFields, since: Date | null | undefined): AutotaskFilter[] {
  if (!since) return buildEveryRecordFilter();
  return [{ op: "gte", field: changedSinceFields[entity], value: formatUtcSeconds(since) }];
}
