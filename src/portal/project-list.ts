import type { ProjectRecord } from "./company-answers";
import { projectState } from "./present-project";
import type { ProjectState } from "./present-project";

/** Which projects the list shows: "current" (open and on hold, the default), one state, or all of them. */
export const projectFilters = ["current", "open", "on_hold", "closed", "all"] as const;
export type ProjectFilter = (typeof projectFilters)[number];

/** The list's order: the soonest end first (undated last), the latest start first, or by name. */
export const projectSorts = ["end", "start", "name"] as const;
export type ProjectSort = (typeof projectSorts)[number];

export interface ListView {
  show: ProjectFilter;
  sort: ProjectSort;
}

const isFilter = (value: string | undefined): value is ProjectFilter => (projectFilters as readonly string[]).includes(value ?? "");
const isSort = (value: string | undefined): value is ProjectSort => (projectSorts as readonly string[]).includes(value ?? "");

/** The list's view from what was asked for. Closed projects only where the firm shows them; anything else is the default. */
export function listView(asked: { show?: string; sort?: string }, showClosed: boolean): ListView {
  const show = isFilter(asked.show) && (showClosed || (asked.show !== "closed" && asked.show !== "all")) ? asked.show : "current";
  return { show, sort: isSort(asked.sort) ? asked.sort : "end" };
}

export function admits(filter: ProjectFilter, state: ProjectState): boolean {
  if (filter === "all") return true;
  if (filter === "current") return state !== "closed";
  return filter === state;
}

const byName = (a: ProjectRecord, b: ProjectRecord) => a.name.localeCompare(b.name);
const dayOf = (iso: string | null, undated: string) => (iso ? iso.slice(0, 10) : undated);

const comparators: Record<ProjectSort, (a: ProjectRecord, b: ProjectRecord) => number> = {
  end: (a, b) => dayOf(a.endDate, "9999").localeCompare(dayOf(b.endDate, "9999")) || byName(a, b),
  start: (a, b) => dayOf(b.startDate, "0000").localeCompare(dayOf(a.startDate, "0000")) || byName(a, b),
  name: byName,
};

/** The view's projects in its order. */
export function filterAndSort<T extends { record: ProjectRecord }>(items: readonly T[], view: ListView): T[] {
  return items.filter((item) => admits(view.show, projectState(item.record))).sort((a, b) => comparators[view.sort](a.record, b.record));
}

/** How many projects each state has, for the filter's links; closed ones are not counted where the firm hides them. */
export function countByState(records: readonly ProjectRecord[], showClosed: boolean): Record<ProjectState, number> {
  const counts: Record<ProjectState, number> = { open: 0, on_hold: 0, closed: 0 };
  for (const record of records) counts[projectState(record)]++;
  if (!showClosed) counts.closed = 0;
  return counts;
}
