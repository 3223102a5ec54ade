-- AlterTable
ALTER TABLE "Firm" ADD COLUMN     "webhookSigningSecret" TEXT;

