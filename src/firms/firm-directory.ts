import { LRUCache } from "lru-cache";
import type { CompanyPortalSetting, Firm, FirmTemplateSetting } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";

/**
 * Firm-level facts read on every page load (which firm a slug or Host means, its template settings),
 * kept in this process for a few seconds (FIRM_CACHE_SECONDS) so a page load does not pay a query for each.
 * A change made elsewhere shows within that time; accounts and sessions are never cached here.
 */
export interface FirmDirectory {
  bySlug(slug: string): Promise<{ firm: Firm } | { redirectTo: Firm } | null>;
  byHost(host: string): Promise<Firm | null>;
  templateSettings(firmId: string): Promise<FirmTemplateSetting[]>;
  companySetting(firmId: string, companyExternalId: string): Promise<CompanyPortalSetting | null>;
  /** Drop what is cached for a firm, after changing it in this process. */
  forget(firmId?: string): void;
}

type Cached = { value: unknown; firmId: string | null };

export function createFirmDirectory(db: Db, ttlSeconds: number): FirmDirectory {
  const cache = new LRUCache<string, Cached>({ max: 10_000, ttl: Math.max(1, ttlSeconds * 1000) });
  const enabled = ttlSeconds > 0;

  async function memo<T>(key: string, load: () => Promise<T>, firmIdOf: (value: T) => string | null): Promise<T> {
    if (enabled) {
      const hit = cache.get(key);
      if (hit) return hit.value as T;
    }
    const value = await load();
    if (enabled) cache.set(key, { value, firmId: firmIdOf(value) });
    return value;
  }

  return {
    bySlug(slug) {
      return memo(
        `slug:${slug}`,
        async (): Promise<{ firm: Firm } | { redirectTo: Firm } | null> => {
          const firm = await db.firm.findUnique({ where: { slug } });
          if (firm) return { firm };
          const alias = await db.firmSlugAlias.findUnique({ where: { slug }, include: { firm: true } });
          return alias ? { redirectTo: alias.firm } : null;
        },
        (found) => (found ? ("firm" in found ? found.firm.id : found.redirectTo.id) : null),
      );
    },
    byHost(host) {
      return memo(
        `host:${host}`,
        async () => (await db.firmDomain.findUnique({ where: { domain: host }, include: { firm: true } }))?.firm ?? null,
        (firm) => firm?.id ?? null,
      );
    },
    templateSettings(firmId) {
      return memo(`tpl:${firmId}`, () => db.firmTemplateSetting.findMany({ where: { firmId } }), () => firmId);
    },
    companySetting(firmId, companyExternalId) {
      return memo(
        `co:${firmId}:${companyExternalId}`,
        () => db.companyPortalSetting.findUnique({ where: { firmId_companyExternalId: { firmId, companyExternalId } } }),
        () => firmId,
      );
    },
    forget(firmId) {
      if (!firmId) return cache.clear();
      // Negative answers (firmId null) go too: a new slug or domain may now exist.
      for (const [key, entry] of cache.entries()) if (entry.firmId === firmId || entry.firmId === null) cache.delete(key);
    },
  };
}
