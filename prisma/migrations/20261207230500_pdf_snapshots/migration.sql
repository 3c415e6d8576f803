-- Dated PDF copies: stored when a roadmap or a document is approved, in the same transaction as the
-- decision, and never changed afterwards (the bytes are content-addressed in the file storage).
CREATE TYPE "PdfKind" AS ENUM ('ROADMAP', 'RISK_PROFILE', 'SCHOOL_SUMMARY');

CREATE TABLE "PdfSnapshot" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "PdfKind" NOT NULL,
    "participationId" UUID,
    "roadmapId" UUID,
    "fileId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "versionLabel" TEXT NOT NULL,
    "statusLabel" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PdfSnapshot_pkey" PRIMARY KEY ("id"),
    CONSTRAINT pdf_snapshot_owner CHECK ("participationId" IS NOT NULL OR "roadmapId" IS NOT NULL),
    CONSTRAINT pdf_snapshot_roadmap CHECK ("kind" <> 'ROADMAP' OR "roadmapId" IS NOT NULL)
);

CREATE INDEX "PdfSnapshot_participationId_kind_createdAt_idx" ON "PdfSnapshot"("participationId", "kind", "createdAt");
CREATE INDEX "PdfSnapshot_roadmapId_createdAt_idx" ON "PdfSnapshot"("roadmapId", "createdAt");

ALTER TABLE "PdfSnapshot" ADD CONSTRAINT "PdfSnapshot_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PdfSnapshot" ADD CONSTRAINT "PdfSnapshot_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PdfSnapshot" ADD CONSTRAINT "PdfSnapshot_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
