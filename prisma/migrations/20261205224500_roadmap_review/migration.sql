-- The roadmap as a reviewed plan: a review state on the roadmap, dated snapshots of its plan at each
-- submission, the reviewers' decisions, the year's assisted-editing setting and the new notifications.
CREATE TYPE "RoadmapStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

ALTER TABLE "Roadmap"
  ADD COLUMN "status" "RoadmapStatus" NOT NULL DEFAULT 'DRAFT',
  ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "submittedAt" TIMESTAMP(3),
  ADD COLUMN "decidedAt" TIMESTAMP(3),
  ADD COLUMN "editHelpRequestedAt" TIMESTAMP(3);

ALTER TABLE "ProgrammeYear" ADD COLUMN "roadmapAssistedEditing" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "RoadmapVersion" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "roadmapId" UUID NOT NULL,
  "number" INTEGER NOT NULL,
  "measures" JSONB NOT NULL,
  "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "submittedById" UUID NOT NULL,
  CONSTRAINT "RoadmapVersion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "RoadmapVersion_roadmapId_number_key" ON "RoadmapVersion"("roadmapId", "number");
ALTER TABLE "RoadmapVersion" ADD CONSTRAINT "RoadmapVersion_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "RoadmapReview" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "roadmapId" UUID NOT NULL,
  "versionId" UUID NOT NULL,
  "decision" "ReviewDecision" NOT NULL,
  "comment" TEXT,
  "reviewerId" UUID NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RoadmapReview_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "roadmap_review_return_comment" CHECK ("decision" = 'APPROVED' OR length(btrim("comment")) BETWEEN 1 AND 5000)
);
CREATE UNIQUE INDEX "RoadmapReview_versionId_key" ON "RoadmapReview"("versionId");
CREATE INDEX "RoadmapReview_roadmapId_idx" ON "RoadmapReview"("roadmapId");
ALTER TABLE "RoadmapReview" ADD CONSTRAINT "RoadmapReview_roadmapId_fkey" FOREIGN KEY ("roadmapId") REFERENCES "Roadmap"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "RoadmapReview" ADD CONSTRAINT "RoadmapReview_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "RoadmapVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TYPE "NotificationKind" ADD VALUE 'ROADMAP_SUBMITTED';
ALTER TYPE "NotificationKind" ADD VALUE 'ROADMAP_APPROVED';
ALTER TYPE "NotificationKind" ADD VALUE 'ROADMAP_RETURNED';
ALTER TYPE "NotificationKind" ADD VALUE 'ROADMAP_DUE_SOON';
ALTER TYPE "NotificationKind" ADD VALUE 'ROADMAP_OVERDUE';
