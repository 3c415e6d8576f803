-- Sessions and invitations keep only the SHA-256 of the secret half of their token, compared in constant time.
ALTER TABLE "Session" ADD COLUMN "secretHash" BYTEA NOT NULL;
DROP INDEX "Invitation_tokenHash_key";
ALTER TABLE "Invitation" DROP COLUMN "tokenHash";
ALTER TABLE "Invitation" ADD COLUMN "secretHash" BYTEA NOT NULL;
