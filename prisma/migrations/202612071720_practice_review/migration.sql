-- The positive-practices bank with a review: submitted by a school or its curator, published or returned
-- with a comment by the region's coordinator (every decision kept), linked to the roadmap measures it
-- came from, searchable in Russian like the FAQ. Practices that exist already are published.
CREATE TYPE "PracticeStatus" AS ENUM ('SUBMITTED', 'PUBLISHED', 'RETURNED');
ALTER TYPE "NotificationKind" ADD VALUE 'PRACTICE_SUBMITTED';
ALTER TYPE "NotificationKind" ADD VALUE 'PRACTICE_PUBLISHED';
ALTER TYPE "NotificationKind" ADD VALUE 'PRACTICE_RETURNED';

ALTER TABLE "Practice" ADD COLUMN "result" TEXT;
ALTER TABLE "Practice" ADD COLUMN "status" "PracticeStatus" NOT NULL DEFAULT 'PUBLISHED';
ALTER TABLE "Practice" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Practice" ADD COLUMN "submittedAt" TIMESTAMP(3);
ALTER TABLE "Practice" ADD COLUMN "decidedAt" TIMESTAMP(3);
ALTER TABLE "Practice" ADD CONSTRAINT practice_title CHECK (length(btrim("title")) BETWEEN 1 AND 300);
CREATE INDEX "Practice_status_idx" ON "Practice"("status");
ALTER TABLE "Practice" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('russian'::regconfig, translate("title", 'ёЁ', 'еЕ')), 'A')
  || setweight(to_tsvector('russian'::regconfig, translate("description" || ' ' || coalesce("result", ''), 'ёЁ', 'еЕ')), 'B')
) STORED;
CREATE INDEX "Practice_search_idx" ON "Practice" USING GIN ("search");

CREATE TABLE "PracticeReview" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "practiceId" UUID NOT NULL,
  "decision" "PracticeStatus" NOT NULL,
  "comment" TEXT,
  "reviewerId" UUID NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "PracticeReview_pkey" PRIMARY KEY ("id"),
  CONSTRAINT practice_review_returned_comment CHECK ("decision" <> 'RETURNED' OR length(btrim(coalesce("comment", ''))) > 0)
);
CREATE INDEX "PracticeReview_practiceId_idx" ON "PracticeReview"("practiceId");
ALTER TABLE "PracticeReview" ADD CONSTRAINT "PracticeReview_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "PracticeMeasure" (
  "practiceId" UUID NOT NULL,
  "measureId" UUID NOT NULL,
  CONSTRAINT "PracticeMeasure_pkey" PRIMARY KEY ("practiceId", "measureId")
);
ALTER TABLE "PracticeMeasure" ADD CONSTRAINT "PracticeMeasure_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PracticeMeasure" ADD CONSTRAINT "PracticeMeasure_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE CASCADE ON UPDATE CASCADE;
