-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "PortalTemplate" AS ENUM ('owner', 'architect', 'engineer', 'contractor');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('invited', 'active', 'disabled');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('owner', 'admin', 'support');

-- CreateEnum
CREATE TYPE "AccessLinkKind" AS ENUM ('invite_client', 'invite_staff', 'reset', 'magic', 'confirm');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('queued', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('running', 'succeeded', 'failed', 'held_for_review');

-- CreateEnum
CREATE TYPE "FlagStatus" AS ENUM ('open', 'resolved', 'dismissed');

-- CreateTable
CREATE TABLE "Firm" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "defaultTemplate" "PortalTemplate" NOT NULL DEFAULT 'owner',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "connectorKind" TEXT,
    "connectorSettings" JSONB,
    "connectorSecrets" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Firm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FirmSlugAlias" (
    "slug" TEXT NOT NULL,
    "firmId" UUID NOT NULL,
    "retiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FirmSlugAlias_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "FirmDomain" (
    "domain" TEXT NOT NULL,
    "firmId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FirmDomain_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "FirmTemplateSetting" (
    "firmId" UUID NOT NULL,
    "template" "PortalTemplate" NOT NULL,
    "visibleFields" TEXT[],
    "sections" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FirmTemplateSetting_pkey" PRIMARY KEY ("firmId","template")
);

-- CreateTable
CREATE TABLE "CompanyPortalSetting" (
    "firmId" UUID NOT NULL,
    "companyExternalId" TEXT NOT NULL,
    "template" "PortalTemplate",
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CompanyPortalSetting_pkey" PRIMARY KEY ("firmId","companyExternalId")
);

-- CreateTable
CREATE TABLE "PortalAccount" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "passwordHash" TEXT,
    "status" "AccountStatus" NOT NULL DEFAULT 'invited',
    "statusReason" TEXT,
    "statusChangedBy" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "emailConfirmedAt" TIMESTAMP(3),
    "templateOverride" "PortalTemplate",
    "psaContactExternalId" TEXT,
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PortalAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffAccount" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "passwordHash" TEXT,
    "role" "StaffRole" NOT NULL DEFAULT 'support',
    "status" "AccountStatus" NOT NULL DEFAULT 'invited',
    "lastSignInAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessLink" (
    "id" UUID NOT NULL,
    "kind" "AccessLinkKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "firmId" UUID NOT NULL,
    "portalAccountId" UUID,
    "staffAccountId" UUID,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "supersededAt" TIMESTAMP(3),
    "issuedBy" TEXT,
    "failedChecks" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInEvent" (
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firmId" UUID NOT NULL,
    "emailTyped" TEXT NOT NULL,
    "emailNormalized" TEXT NOT NULL,
    "portalAccountId" UUID,
    "staffAccountId" UUID,
    "ip" TEXT,
    "userAgent" TEXT,
    "reason" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "SignInEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PsaCompanySnapshot" (
    "firmId" UUID NOT NULL,
    "connectorKind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL,
    "psaUpdatedAt" TIMESTAMP(3),
    "contentHash" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "PsaCompanySnapshot_pkey" PRIMARY KEY ("firmId","connectorKind","externalId")
);

-- CreateTable
CREATE TABLE "PsaContactSnapshot" (
    "firmId" UUID NOT NULL,
    "connectorKind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT,
    "emails" TEXT[],
    "companyExternalIds" TEXT[],
    "active" BOOLEAN NOT NULL,
    "psaUpdatedAt" TIMESTAMP(3),
    "contentHash" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "PsaContactSnapshot_pkey" PRIMARY KEY ("firmId","connectorKind","externalId")
);

-- CreateTable
CREATE TABLE "PsaProjectSnapshot" (
    "firmId" UUID NOT NULL,
    "connectorKind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "companyExternalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT,
    "phase" TEXT,
    "manager" TEXT,
    "startDate" TIMESTAMP(3),
    "endDate" TIMESTAMP(3),
    "budget" DECIMAL(14,2),
    "percentComplete" DOUBLE PRECISION,
    "description" TEXT,
    "active" BOOLEAN NOT NULL,
    "psaUpdatedAt" TIMESTAMP(3),
    "contentHash" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "PsaProjectSnapshot_pkey" PRIMARY KEY ("firmId","connectorKind","externalId")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "job" TEXT NOT NULL,
    "connectorKind" TEXT NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'running',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "checkpoint" JSONB,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailMismatch" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "portalAccountId" UUID NOT NULL,
    "accountEmail" TEXT NOT NULL,
    "suggestedEmail" TEXT,
    "suggestedContactId" TEXT,
    "status" "FlagStatus" NOT NULL DEFAULT 'open',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "EmailMismatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessFlag" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "portalAccountId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT,
    "status" "FlagStatus" NOT NULL DEFAULT 'open',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "AccessFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" UUID NOT NULL,
    "firmId" UUID,
    "kind" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "htmlBody" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE UNIQUE INDEX "Firm_slug_key" ON "Firm"("slug");

-- CreateIndex
CREATE INDEX "FirmSlugAlias_firmId_idx" ON "FirmSlugAlias"("firmId");

-- CreateIndex
CREATE INDEX "FirmDomain_firmId_idx" ON "FirmDomain"("firmId");

-- CreateIndex
CREATE INDEX "PortalAccount_firmId_psaContactExternalId_idx" ON "PortalAccount"("firmId", "psaContactExternalId");

-- CreateIndex
CREATE UNIQUE INDEX "PortalAccount_firmId_email_key" ON "PortalAccount"("firmId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "StaffAccount_firmId_email_key" ON "StaffAccount"("firmId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "AccessLink_tokenHash_key" ON "AccessLink"("tokenHash");

-- CreateIndex
CREATE INDEX "AccessLink_firmId_kind_portalAccountId_idx" ON "AccessLink"("firmId", "kind", "portalAccountId");

-- CreateIndex
CREATE INDEX "AccessLink_firmId_kind_staffAccountId_idx" ON "AccessLink"("firmId", "kind", "staffAccountId");

-- CreateIndex
CREATE INDEX "SignInEvent_firmId_emailNormalized_at_idx" ON "SignInEvent"("firmId", "emailNormalized", "at");

-- CreateIndex
CREATE INDEX "SignInEvent_firmId_at_idx" ON "SignInEvent"("firmId", "at");

-- CreateIndex
CREATE INDEX "PsaContactSnapshot_emails_idx" ON "PsaContactSnapshot" USING GIN ("emails");

-- CreateIndex
CREATE INDEX "PsaProjectSnapshot_firmId_companyExternalId_idx" ON "PsaProjectSnapshot"("firmId", "companyExternalId");

-- CreateIndex
CREATE INDEX "SyncRun_firmId_job_startedAt_idx" ON "SyncRun"("firmId", "job", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMismatch_firmId_portalAccountId_key" ON "EmailMismatch"("firmId", "portalAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessFlag_firmId_portalAccountId_kind_key" ON "AccessFlag"("firmId", "portalAccountId", "kind");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "IDX_session_expire" ON "session"("expire");

-- AddForeignKey
ALTER TABLE "FirmSlugAlias" ADD CONSTRAINT "FirmSlugAlias_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FirmDomain" ADD CONSTRAINT "FirmDomain_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FirmTemplateSetting" ADD CONSTRAINT "FirmTemplateSetting_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompanyPortalSetting" ADD CONSTRAINT "CompanyPortalSetting_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortalAccount" ADD CONSTRAINT "PortalAccount_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffAccount" ADD CONSTRAINT "StaffAccount_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessLink" ADD CONSTRAINT "AccessLink_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessLink" ADD CONSTRAINT "AccessLink_portalAccountId_fkey" FOREIGN KEY ("portalAccountId") REFERENCES "PortalAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessLink" ADD CONSTRAINT "AccessLink_staffAccountId_fkey" FOREIGN KEY ("staffAccountId") REFERENCES "StaffAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInEvent" ADD CONSTRAINT "SignInEvent_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInEvent" ADD CONSTRAINT "SignInEvent_portalAccountId_fkey" FOREIGN KEY ("portalAccountId") REFERENCES "PortalAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInEvent" ADD CONSTRAINT "SignInEvent_staffAccountId_fkey" FOREIGN KEY ("staffAccountId") REFERENCES "StaffAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PsaCompanySnapshot" ADD CONSTRAINT "PsaCompanySnapshot_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PsaContactSnapshot" ADD CONSTRAINT "PsaContactSnapshot_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PsaProjectSnapshot" ADD CONSTRAINT "PsaProjectSnapshot_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailMismatch" ADD CONSTRAINT "EmailMismatch_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailMismatch" ADD CONSTRAINT "EmailMismatch_portalAccountId_fkey" FOREIGN KEY ("portalAccountId") REFERENCES "PortalAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessFlag" ADD CONSTRAINT "AccessFlag_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessFlag" ADD CONSTRAINT "AccessFlag_portalAccountId_fkey" FOREIGN KEY ("portalAccountId") REFERENCES "PortalAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

