-- PSA webhooks reach /webhooks/psa/{firmId}/{secret}: only the SHA-256 of the secret is stored.
ALTER TABLE "Firm" ADD COLUMN "webhookSecretHash" TEXT;
