-- The consultation line: topics the federal coordinator edits, routed questions (region first, then the
-- federal level) with statuses, replies that reopen, FAQ entries with a cleaned question and answer,
-- Russian full-text search (a generated tsvector with a GIN index) and pg_trgm for typos.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TYPE "QuestionStatus" RENAME VALUE 'OPEN' TO 'NEW';
ALTER TYPE "QuestionStatus" ADD VALUE 'IN_PROGRESS';
ALTER TYPE "QuestionStatus" ADD VALUE 'FORWARDED';
CREATE TYPE "QuestionLevel" AS ENUM ('REGION', 'FEDERAL');
CREATE TYPE "FaqScope" AS ENUM ('FEDERAL', 'REGIONAL');
ALTER TYPE "NotificationKind" ADD VALUE 'QUESTION_ASKED';
ALTER TYPE "NotificationKind" ADD VALUE 'QUESTION_OVERDUE';

ALTER TABLE "ProgrammeYear" ADD COLUMN "questionAnswerDays" INTEGER NOT NULL DEFAULT 5;
ALTER TABLE "ProgrammeYear" ADD CONSTRAINT programme_year_question_days CHECK ("questionAnswerDays" > 0);

CREATE TABLE "QuestionTopic" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "title" TEXT NOT NULL,
  "position" INTEGER NOT NULL DEFAULT 0,
  "active" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "QuestionTopic_pkey" PRIMARY KEY ("id"),
  CONSTRAINT question_topic_title CHECK (length(btrim("title")) BETWEEN 1 AND 200)
);
CREATE UNIQUE INDEX "QuestionTopic_title_key" ON "QuestionTopic"("title");

-- Existing questions: their free-text topics become the first list.
INSERT INTO "QuestionTopic" ("title", "position")
SELECT t, row_number() OVER (ORDER BY t) FROM (SELECT DISTINCT btrim(topic) AS t FROM "Question" WHERE btrim(topic) <> '') x;

ALTER TABLE "Question"
  ADD COLUMN "topicId" UUID,
  ADD COLUMN "level" "QuestionLevel" NOT NULL DEFAULT 'REGION',
  ADD COLUMN "regionId" UUID,
  ADD COLUMN "municipalityId" UUID,
  ADD COLUMN "schoolId" UUID,
  ADD COLUMN "attachmentId" UUID,
  ADD COLUMN "assigneeId" UUID,
  ADD COLUMN "forwardedAt" TIMESTAMP(3),
  ADD COLUMN "answeredAt" TIMESTAMP(3),
  ADD COLUMN "answeredById" UUID,
  ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

UPDATE "Question" q SET "topicId" = t.id FROM "QuestionTopic" t WHERE t.title = btrim(q.topic);
-- Where each asker stands (its first role with a place): the question's place.
UPDATE "Question" q SET
  "schoolId" = ra."schoolId",
  "municipalityId" = COALESCE(ra."municipalityId", s."municipalityId"),
  "regionId" = COALESCE(ra."regionId", m."regionId", sm."regionId")
FROM "RoleAssignment" ra
LEFT JOIN "School" s ON s.id = ra."schoolId"
LEFT JOIN "Municipality" sm ON sm.id = s."municipalityId"
LEFT JOIN "Municipality" m ON m.id = ra."municipalityId"
WHERE ra."userId" = q."authorId" AND (ra."regionId" IS NOT NULL OR ra."municipalityId" IS NOT NULL OR ra."schoolId" IS NOT NULL);
UPDATE "Question" SET "level" = 'FEDERAL' WHERE "regionId" IS NULL;
UPDATE "Question" q SET
  "answeredAt" = a."createdAt",
  "answeredById" = a."authorId"
FROM (SELECT DISTINCT ON ("questionId") "questionId", "createdAt", "authorId" FROM "Answer" ORDER BY "questionId", "createdAt" DESC) a
WHERE a."questionId" = q.id AND q.status = 'ANSWERED';

ALTER TABLE "Answer" ADD COLUMN "isReply" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "FaqEntry" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "questionId" UUID,
  "topicId" UUID NOT NULL,
  "year" INTEGER NOT NULL,
  "scope" "FaqScope" NOT NULL,
  "regionId" UUID,
  "question" TEXT NOT NULL,
  "answer" TEXT NOT NULL,
  "publishedById" UUID NOT NULL,
  "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "search" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian'::regconfig, "question"), 'A') || setweight(to_tsvector('russian'::regconfig, "answer"), 'B')
  ) STORED,
  CONSTRAINT "FaqEntry_pkey" PRIMARY KEY ("id"),
  CONSTRAINT faq_entry_scope_region CHECK (("scope" = 'REGIONAL') = ("regionId" IS NOT NULL)),
  CONSTRAINT faq_entry_texts CHECK (length(btrim("question")) BETWEEN 1 AND 2000 AND length(btrim("answer")) BETWEEN 1 AND 10000),
  CONSTRAINT faq_entry_year CHECK ("year" BETWEEN 2020 AND 2100)
);

-- Published demo/legacy questions become federal FAQ entries with their first answer.
INSERT INTO "FaqEntry" ("questionId", "topicId", "year", "scope", "question", "answer", "publishedById", "publishedAt")
SELECT q.id, q."topicId", COALESCE(py.year, EXTRACT(YEAR FROM q."createdAt")::int), 'FEDERAL', q.body, a.body, a."authorId", a."createdAt"
FROM "Question" q
LEFT JOIN "ProgrammeYear" py ON py.id = q."programmeYearId"
JOIN LATERAL (SELECT body, "authorId", "createdAt" FROM "Answer" WHERE "questionId" = q.id AND NOT "isReply" ORDER BY "createdAt" LIMIT 1) a ON true
WHERE q."inFaq" AND q."topicId" IS NOT NULL;

-- Questions whose topic was blank get a catch-all topic.
INSERT INTO "QuestionTopic" ("title", "position")
SELECT 'Общие вопросы', 1000 WHERE EXISTS (SELECT 1 FROM "Question" WHERE "topicId" IS NULL)
ON CONFLICT ("title") DO NOTHING;
UPDATE "Question" SET "topicId" = (SELECT id FROM "QuestionTopic" WHERE title = 'Общие вопросы') WHERE "topicId" IS NULL;

ALTER TABLE "Question" ALTER COLUMN "topicId" SET NOT NULL;
ALTER TABLE "Question" DROP COLUMN "topic", DROP COLUMN "inFaq";
ALTER TABLE "Question" ADD CONSTRAINT question_body_length CHECK (length(btrim("body")) BETWEEN 1 AND 5000);
ALTER TABLE "Question" ADD CONSTRAINT question_region_level CHECK ("level" = 'FEDERAL' OR "regionId" IS NOT NULL);

CREATE INDEX "Question_regionId_status_idx" ON "Question"("regionId", "status");
CREATE INDEX "Question_authorId_idx" ON "Question"("authorId");
CREATE INDEX "Question_schoolId_idx" ON "Question"("schoolId");
CREATE UNIQUE INDEX "FaqEntry_questionId_key" ON "FaqEntry"("questionId");
CREATE INDEX "FaqEntry_topicId_idx" ON "FaqEntry"("topicId");
CREATE INDEX "FaqEntry_year_idx" ON "FaqEntry"("year");
CREATE INDEX "FaqEntry_scope_regionId_idx" ON "FaqEntry"("scope", "regionId");
CREATE INDEX faq_entry_search_idx ON "FaqEntry" USING GIN ("search");
CREATE INDEX faq_entry_question_trgm_idx ON "FaqEntry" USING GIN ("question" gin_trgm_ops);

ALTER TABLE "Question" ADD CONSTRAINT "Question_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Question" ADD CONSTRAINT "Question_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "QuestionTopic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Question" ADD CONSTRAINT "Question_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Question" ADD CONSTRAINT "Question_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Question" ADD CONSTRAINT "Question_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "StoredFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "FaqEntry" ADD CONSTRAINT "FaqEntry_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "FaqEntry" ADD CONSTRAINT "FaqEntry_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "QuestionTopic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "FaqEntry" ADD CONSTRAINT "FaqEntry_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;
