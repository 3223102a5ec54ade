-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "PortalAccount" ADD COLUMN     "dateOfBirth" DATE,
ADD COLUMN     "sessionsValidAfter" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "accessLinkId" UUID,
ADD COLUMN     "deliveredVia" TEXT;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_accessLinkId_fkey" FOREIGN KEY ("accessLinkId") REFERENCES "AccessLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;

