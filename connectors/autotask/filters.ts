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

/** `in` takes an array of integers (vendor Swagger Filter.value); at most 500 per query like OR conditions (vendor-apis.md §2.3). */
export function buildIdsFilter(ids: readonly number[]): AutotaskFilter[] {
  return [{ op: "in", field: "id", value: [...ids] }];
}

export function buildCompanyProjectsFilter(companyId: number): AutotaskFilter[] {
  return [{ op: "eq", field: "companyID", value: companyId }];
}

/** A project's phases or tasks (PhaseModel.projectID, TaskModel.projectID). */
export function buildProjectChildrenFilter(projectId: number): AutotaskFilter[] {
  return [{ op: "eq", field: "projectID", value: projectId }];
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

/**
 * IncludeFields (QueryModel.includeFields; REST_Advanced_Query_Features.htm: with more than 500 results `id` must
 * be among them): only what the mappers read, so a page load does not pull whole records and their UDFs.
 */
export const includeFields = {
  Contacts: ["id", "companyID", "firstName", "lastName", "emailAddress", "emailAddress2", "emailAddress3", "isActive", "lastModifiedDate", "lastActivityDate"],
  Companies: ["id", "companyName", "isActive", "webAddress", "lastTrackedModifiedDateTime", "lastActivityDate"],
  Projects: [
    "id", "projectName", "companyID", "status", "startDateTime", "endDateTime", "completedDateTime", "completedPercentage",
    "originalEstimatedRevenue", "changeOrdersRevenue", "estimatedTime", "actualHours", "projectLeadResourceID", "description", "lastActivityDateTime",
  ],
  Phases: ["id", "title", "projectID", "parentPhaseID", "startDate", "dueDate"],
  Tasks: ["id", "phaseID", "completedDateTime"],
} as const;
