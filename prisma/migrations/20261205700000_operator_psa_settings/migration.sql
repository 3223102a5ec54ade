-- AlterTable
ALTER TABLE "Firm" ADD COLUMN     "operatorPsaSettings" JSONB;

-- A firm whose connection is a CSV folder on the gateway's disk got it from the operator (the console never sets a
-- folder): remember it, so that the firm's admins can choose it again after switching to another PSA.
UPDATE "Firm"
SET "operatorPsaSettings" = jsonb_build_object('csv', jsonb_build_object('directory', "connectorSettings"->'directory'))
WHERE "connectorKind" = 'csv' AND "connectorSettings" ? 'directory';
