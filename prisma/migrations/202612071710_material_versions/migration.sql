-- The methodical materials bank: regional materials beside federal ones, risk factors by number, kept
-- versions (the material row mirrors the latest), and Russian full-text search like the FAQ's (a
-- generated tsvector with «ё» folded to «е», title above description, GIN index).
ALTER TYPE "MaterialKind" ADD VALUE 'PRESENTATION';
ALTER TYPE "MaterialKind" ADD VALUE 'OTHER';

ALTER TABLE "Material" ADD COLUMN "regionId" UUID;
ALTER TABLE "Material" ADD COLUMN "riskFactorNumbers" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
ALTER TABLE "Material" ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Material" ADD CONSTRAINT "Material_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Material" ADD CONSTRAINT material_title CHECK (length(btrim("title")) BETWEEN 1 AND 300);
CREATE INDEX "Material_regionId_idx" ON "Material"("regionId");
ALTER TABLE "Material" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('russian'::regconfig, translate("title", 'ёЁ', 'еЕ')), 'A') || setweight(to_tsvector('russian'::regconfig, translate(coalesce("description", ''), 'ёЁ', 'еЕ')), 'B')
) STORED;
CREATE INDEX "Material_search_idx" ON "Material" USING GIN ("search");

CREATE TABLE "MaterialVersion" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "materialId" UUID NOT NULL,
  "number" INTEGER NOT NULL,
  "fileId" UUID,
  "url" TEXT,
  "note" TEXT,
  "createdById" UUID NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "MaterialVersion_pkey" PRIMARY KEY ("id"),
  CONSTRAINT material_version_file_or_url CHECK ("fileId" IS NOT NULL OR "url" IS NOT NULL)
);
CREATE UNIQUE INDEX "MaterialVersion_materialId_number_key" ON "MaterialVersion"("materialId", "number");
ALTER TABLE "MaterialVersion" ADD CONSTRAINT "MaterialVersion_materialId_fkey" FOREIGN KEY ("materialId") REFERENCES "Material"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MaterialVersion" ADD CONSTRAINT "MaterialVersion_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Existing materials become their own first version.
INSERT INTO "MaterialVersion" ("materialId", "number", "fileId", "url", "createdById", "createdAt")
SELECT id, 1, "fileId", "url", "publishedById", "createdAt" FROM "Material" WHERE "fileId" IS NOT NULL OR "url" IS NOT NULL;
