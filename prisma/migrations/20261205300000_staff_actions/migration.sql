-- CreateTable
CREATE TABLE "StaffAction" (
    "id" UUID NOT NULL,
    "firmId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "StaffAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FirmLogo" (
    "firmId" UUID NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FirmLogo_pkey" PRIMARY KEY ("firmId")
);

-- CreateIndex
CREATE INDEX "StaffAction_firmId_at_idx" ON "StaffAction"("firmId", "at");

-- CreateIndex
CREATE INDEX "PortalAccount_firmId_status_email_idx" ON "PortalAccount"("firmId", "status", "email");

-- CreateIndex
CREATE INDEX "OutboxEmail_firmId_createdAt_idx" ON "OutboxEmail"("firmId", "createdAt");

-- AddForeignKey
ALTER TABLE "StaffAction" ADD CONSTRAINT "StaffAction_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FirmLogo" ADD CONSTRAINT "FirmLogo_firmId_fkey" FOREIGN KEY ("firmId") REFERENCES "Firm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

