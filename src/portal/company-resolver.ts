import type { Firm } from "../generated/prisma/client";
import type { KeyValueStore } from "../platform/kv/store";
import type { Logger } from "../platform/logger";
import type { FirmConnectors } from "../psa/firm-connectors";
import { fetchAccessFromPsa, fetchProjectDetailsFromPsa, fetchProjectsFromPsa } from "./fetch-from-psa";
import { readAccessFromSnapshot, readProjectDetailsFromSnapshot, readProjectsFromSnapshot } from "./snapshot-answers";
import type { AccessAnswer, Lookup, ProjectDetailsRecord, ProjectRecord } from "./company-answers";
import { createAnswerLookup } from "./answer-lookup";
import type { Db } from "../platform/db/prisma";
import { companyLookups } from "../platform/metrics/metrics";

export interface CompanyResolverOptions {
  db: Db;
  store: KeyValueStore;
  connectors: FirmConnectors;
  logger: Logger;
  now: () => number;
  /** A PSA answer younger than this is served without asking the PSA (default 60 s). */
  cacheTtlMs: number;
  /** How long a page waits for the PSA before serving the last known answer (default 2 s). */
  timeBudgetMs: number;
  /** The oldest answer ever served when the PSA is down (default 24 h). */
  maxStalenessMs: number;
}

/**
 * "Which company is this person with, according to the PSA right now?", answered on every page load through
 * the answer lookup's fallback chain (answer-lookup.ts). Only when nothing is known is the answer "unavailable".
 */
export function createCompanyResolver(o: CompanyResolverOptions) {
  const answers = createAnswerLookup(o);
  const { expire } = answers;
  // Every lookup counted for the metrics by where its answer came from (fresh cache, the PSA, a stale fallback).
  const lookup: typeof answers.lookup = async (...args) => {
    const found = await answers.lookup(...args);
    companyLookups.inc({ result: !found.ok ? "unavailable" : found.stale ? "stale" : found.source === "cache" ? "hit" : "miss" });
    return found;
  };

  // Keys name the connector kind: after a firm switches PSA, answers from the previous one are never served.
  type FirmKey = Pick<Firm, "id" | "connectorKind">;
  const accountKey = (firm: FirmKey, email: string) => `acc:${firm.id}:${firm.connectorKind ?? "-"}:${email}`;
  const companyKey = (firm: FirmKey, companyExternalId: string) => `prj:${firm.id}:${firm.connectorKind ?? "-"}:${companyExternalId}`;
  const detailsKey = (firm: FirmKey, projectExternalId: string) => `dtl:${firm.id}:${firm.connectorKind ?? "-"}:${projectExternalId}`;

  // Which emails' answers name a company, so that a webhook about the company can reach them. Written only
  // when the PSA answers (not on cache hits); capped, and kept as long as the answers themselves.
  const companyIndexKey = (firm: FirmKey, companyExternalId: string) => `idx:co:${firm.id}:${firm.connectorKind ?? "-"}:${companyExternalId}`;
  async function indexByCompany(firm: FirmKey, email: string, answer: AccessAnswer): Promise<void> {
    if (!("companies" in answer)) return;
    for (const company of answer.companies) {
      const key = companyIndexKey(firm, company.externalId);
      const emails = JSON.parse((await o.store.get(key)) ?? "[]") as string[];
      if (emails.includes(email)) continue;
      await o.store.set(key, JSON.stringify([...emails, email].slice(-1000)), o.maxStalenessMs);
    }
  }

  return {
    resolveAccess(firm: Firm, email: string): Promise<Lookup<AccessAnswer>> {
      return lookup(
        accountKey(firm, email),
        async () => {
          const result = await fetchAccessFromPsa(o.connectors, firm, email);
          if (result.ok) await indexByCompany(firm, email, result.value);
          return result;
        },
        () => readAccessFromSnapshot(o.db, firm, email),
      );
    },
    listProjects(firm: Firm, companyExternalId: string): Promise<Lookup<ProjectRecord[]>> {
      return lookup(
        companyKey(firm, companyExternalId),
        () => fetchProjectsFromPsa(o.connectors, firm, companyExternalId),
        () => readProjectsFromSnapshot(o.db, firm, companyExternalId),
      );
    },
    /**
     * A project's own page: its phases and manager's contact, cached per project like the lists (and shared by
     * concurrent loads), with the last known answer and the snapshot behind it. Lists never ask for this.
     */
    projectDetails(firm: Firm, project: ProjectRecord): Promise<Lookup<ProjectDetailsRecord>> {
      return lookup(
        detailsKey(firm, project.externalId),
        () => fetchProjectDetailsFromPsa(o.connectors, firm, project),
        () => readProjectDetailsFromSnapshot(o.db, firm, project.externalId),
      );
    },
    /** After a webhook or an admin's "refresh": the next page load asks the PSA (the old answer stays as fallback). */
    async invalidateAccount(firm: FirmKey, email: string): Promise<void> {
      await expire(accountKey(firm, email));
    },
    async invalidateCompany(firm: FirmKey, companyExternalId: string): Promise<void> {
      await expire(companyKey(firm, companyExternalId));
    },
    /**
     * The PSA said something changed (a webhook): the next page load of everyone it may concern asks the PSA.
     * Emails named in the change, and every email whose cached answer names a changed company. Returns how many.
     */
    async applyPsaChange(firm: FirmKey, change: { emails: readonly string[]; companyExternalIds: readonly string[] }): Promise<number> {
      const emails = new Set(change.emails);
      for (const companyExternalId of change.companyExternalIds) {
        await expire(companyKey(firm, companyExternalId));
        for (const email of JSON.parse((await o.store.get(companyIndexKey(firm, companyExternalId))) ?? "[]") as string[]) emails.add(email);
      }
      for (const email of emails) await expire(accountKey(firm, email));
      return emails.size + change.companyExternalIds.length;
    },
  };
}

export type CompanyResolver = ReturnType<typeof createCompanyResolver>;
