-- DropIndex
DROP INDEX "PortalAccount_firmId_psaContactExternalId_idx";

-- AlterTable
ALTER TABLE "PortalAccount" DROP COLUMN "psaContactExternalId",
ADD COLUMN     "statusEvidence" JSONB;

-- AlterTable
ALTER TABLE "PsaCompanySnapshot" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "PsaContactSnapshot" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "PsaProjectSnapshot" ADD COLUMN     "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "detailsReadAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "mode" TEXT NOT NULL DEFAULT 'full',
ADD COLUMN     "passStartedAt" TIMESTAMP(3),
ADD COLUMN     "requestedBy" TEXT,
ADD COLUMN     "resumedFromId" UUID,
ADD COLUMN     "reviewStatus" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "reviewedBy" TEXT,
ADD COLUMN     "trigger" TEXT NOT NULL DEFAULT 'schedule';

-- AlterTable
ALTER TABLE "EmailMismatch" ADD COLUMN     "dismissedBy" TEXT,
ADD COLUMN     "dismissedReason" TEXT,
ADD COLUMN     "evidence" JSONB,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'no_match';

-- AlterTable
ALTER TABLE "AccessFlag" ADD COLUMN     "dismissedBy" TEXT,
ADD COLUMN     "dismissedReason" TEXT,
ADD COLUMN     "evidence" JSONB;

-- CreateTable
CREATE TABLE "SyncRunDisable" (
    "runId" UUID NOT NULL,
    "portalAccountId" UUID NOT NULL,
    "evidence" JSONB NOT NULL,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "SyncRunDisable_pkey" PRIMARY KEY ("runId","portalAccountId")
);

-- CreateTable
CREATE TABLE "SyncRequest" (
    "firmId" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncRequest_pkey" PRIMARY KEY ("firmId")
);

-- CreateTable
CREATE TABLE "PsaAccountLink" (
    "firmId" UUID NOT NULL,
    "portalAccountId" UUID NOT NULL,
    "connectorKind" TEXT NOT NULL,
    "contactExternalId" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PsaAccountLink_pkey" PRIMARY KEY ("portalAccountId","connectorKind","contactExternalId")
);

-- CreateIndex
CREATE INDEX "PsaAccountLink_firmId_connectorKind_contactExternalId_idx" ON "PsaAccountLink"("firmId", "connectorKind", "contactExternalId");

-- CreateIndex
CREATE INDEX "PsaContactSnapshot_firmId_connectorKind_changedAt_idx" ON "PsaContactSnapshot"("firmId", "connectorKind", "changedAt");

-- CreateIndex
CREATE INDEX "SyncRun_firmId_status_idx" ON "SyncRun"("firmId", "status");

-- AddForeignKey
ALTER TABLE "SyncRunDisable" ADD CONSTRAINT "SyncRunDisable_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRunDisable" ADD CONSTRAINT "SyncRunDisable_portalAccountId_fkey" FOREIGN KEY ("portalAccountId") REFERENCES "PortalAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRequest" ADD CONSTRAINT "SyncRequest_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PsaAccountLink" ADD CONSTRAINT "PsaAccountLink_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PsaAccountLink" ADD CONSTRAINT "PsaAccountLink_portalAccountId_fkey" FOREIGN KEY ("portalAccountId") REFERENCES "PortalAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written (Prisma's schema cannot say it): at most one running sync per firm, whichever instance and store
-- started it. Runs a crashed process left "running" are closed first, and the snapshot job's runs become the sync's.
UPDATE "SyncRun" SET "status" = 'failed', "finishedAt" = CURRENT_TIMESTAMP, "errorCode" = 'interrupted', "error" = 'stopped before the gateway was upgraded'
WHERE "status" = 'running';
UPDATE "SyncRun" SET "job" = 'psa-sync' WHERE "job" = 'psa-snapshot';
CREATE UNIQUE INDEX "SyncRun_one_running_per_firm" ON "SyncRun"("firmId") WHERE "status" = 'running';
