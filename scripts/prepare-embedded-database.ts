import { makeMigratedSnapshot, migratedSnapshotPath } from "../src/platform/db/migrated-snapshot";

/*
 * postinstall: make the migrated embedded database a first `npm start` loads instead of migrating a new one
 * (src/platform/db/migrated-snapshot.ts). Offline, about 15 s once per install. A failure here never fails the
 * install: the first start then migrates a new database itself, as it always could.
 */
makeMigratedSnapshot().then(
  (made) => {
    if (made) console.log(`Prepared the embedded database's migrated starting point (${migratedSnapshotPath()}).`);
  },
  (error: unknown) => {
    console.warn(`Could not prepare the embedded database's starting point (the first start will migrate instead): ${error instanceof Error ? error.message : String(error)}`);
  },
);
