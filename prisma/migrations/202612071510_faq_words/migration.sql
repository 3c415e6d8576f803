-- Typo tolerance by correcting the query's words: the words of the FAQ in a table with a trigram index
-- (the PostgreSQL manual's recipe, pg_trgm «Text Search Integration»). A misspelt word is replaced by
-- the most similar word of the FAQ, and the corrected query runs through the russian full-text search,
-- so typos get stems, ranking and highlighted fragments like any other query. Publishing an entry adds
-- its words (consultation service, same transaction), and the words of existing entries are collected here.
CREATE TABLE "FaqWord" (
  "word" TEXT NOT NULL,
  CONSTRAINT "FaqWord_pkey" PRIMARY KEY ("word")
);
CREATE INDEX faq_word_trgm_idx ON "FaqWord" USING GIN ("word" gin_trgm_ops);

INSERT INTO "FaqWord" ("word")
SELECT DISTINCT w FROM "FaqEntry", regexp_split_to_table(lower("question" || ' ' || "answer"), '[^[:alnum:]]+') AS w
WHERE length(w) BETWEEN 3 AND 40
ON CONFLICT DO NOTHING;

-- The question-text trigram index served the earlier fallback, the word list replaces it.
DROP INDEX faq_entry_question_trgm_idx;

-- Browsing the FAQ (no search text) reads the newest entries first.
CREATE INDEX "FaqEntry_publishedAt_id_idx" ON "FaqEntry"("publishedAt" DESC, "id");
