-- The client portal sections (issue 16): company web domains let a contact in several companies land on the
-- company of their own email domain, and the project snapshot keeps the financials, the manager id in the PSA
-- and the project page details, so a PSA outage still shows them. (No semicolons in these comments: the
-- script is split into statements at each one.)
-- AlterTable
ALTER TABLE "PsaCompanySnapshot" ADD COLUMN     "domains" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "PsaProjectSnapshot" ADD COLUMN     "details" JSONB,
ADD COLUMN     "hoursBudget" DOUBLE PRECISION,
ADD COLUMN     "hoursUsed" DOUBLE PRECISION,
ADD COLUMN     "invoiced" DECIMAL(14,2),
ADD COLUMN     "managerExternalId" TEXT;

