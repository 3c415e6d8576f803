-- Programmes: the federal «500+» and the regions' twins («62+»), each with its own years. Every
-- existing year belongs to «500+», so the data migration creates it first and attaches them all.
CREATE TABLE "Programme" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "description" TEXT,
    "regionId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id"),
    CONSTRAINT programme_short_name_length CHECK (char_length("shortName") BETWEEN 1 AND 40),
    CONSTRAINT programme_name_length CHECK (char_length("name") BETWEEN 1 AND 300)
);
CREATE UNIQUE INDEX "Programme_shortName_key" ON "Programme"("shortName");
CREATE INDEX "Programme_regionId_idx" ON "Programme"("regionId");
-- One federal programme: the default of every operation that names a year by its number only.
CREATE UNIQUE INDEX programme_one_federal ON "Programme" ((true)) WHERE "regionId" IS NULL;
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

INSERT INTO "Programme" ("name", "shortName", "description")
VALUES ('Федеральный проект адресной методической помощи школам с низкими образовательными результатами', '500+',
        'Проект «500+» ФИОКО в рамках федерального проекта «Современная школа» национального проекта «Образование».');

ALTER TABLE "ProgrammeYear" ADD COLUMN "programmeId" UUID;
UPDATE "ProgrammeYear" SET "programmeId" = (SELECT id FROM "Programme" WHERE "regionId" IS NULL);
ALTER TABLE "ProgrammeYear" ALTER COLUMN "programmeId" SET NOT NULL;
ALTER TABLE "ProgrammeYear" ADD CONSTRAINT "ProgrammeYear_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

DROP INDEX "ProgrammeYear_year_key";
CREATE UNIQUE INDEX "ProgrammeYear_programmeId_year_key" ON "ProgrammeYear"("programmeId", "year");
CREATE INDEX "ProgrammeYear_year_idx" ON "ProgrammeYear"("year");
