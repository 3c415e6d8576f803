-- Registry imports (schools, municipalities, decree participant lists, onboarding) with their previewed rows,
-- and the reason/date of a participation's last status change.
ALTER TABLE "Participation" ADD COLUMN "statusReason" TEXT, ADD COLUMN "statusDate" DATE, ADD COLUMN "statusChangedAt" TIMESTAMP(3);

CREATE TYPE "RegistryImportKind" AS ENUM ('SCHOOLS', 'MUNICIPALITIES', 'PARTICIPANTS', 'ONBOARDING');
CREATE TYPE "RegistryRowOutcome" AS ENUM ('NEW', 'CHANGED', 'UNCHANGED', 'REJECTED');

CREATE TABLE "RegistryImport" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "kind" "RegistryImportKind" NOT NULL,
  "regionId" UUID,
  "programmeYearId" UUID,
  "decree" TEXT,
  "fileName" TEXT NOT NULL,
  "sha256" TEXT NOT NULL,
  "createdById" UUID NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "appliedAt" TIMESTAMP(3),
  "newCount" INTEGER NOT NULL DEFAULT 0,
  "changedCount" INTEGER NOT NULL DEFAULT 0,
  "unchangedCount" INTEGER NOT NULL DEFAULT 0,
  "rejectedCount" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "RegistryImport_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "RegistryImport_createdById_createdAt_idx" ON "RegistryImport"("createdById", "createdAt");

CREATE TABLE "RegistryImportRow" (
  "id" BIGSERIAL NOT NULL,
  "importId" UUID NOT NULL,
  "rowNumber" INTEGER NOT NULL,
  "outcome" "RegistryRowOutcome" NOT NULL,
  "data" JSONB NOT NULL,
  "targetId" UUID,
  "changes" JSONB,
  "problems" JSONB,
  CONSTRAINT "RegistryImportRow_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "RegistryImportRow_importId_outcome_rowNumber_idx" ON "RegistryImportRow"("importId", "outcome", "rowNumber");
ALTER TABLE "RegistryImportRow" ADD CONSTRAINT "RegistryImportRow_importId_fkey" FOREIGN KEY ("importId") REFERENCES "RegistryImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
