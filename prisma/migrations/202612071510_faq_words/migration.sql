-- Typo tolerance by correcting the query's words: the stems of the FAQ's words (russian configuration)
-- in a table with a trigram index, after the PostgreSQL manual's recipe (pg_trgm, «Text Search
-- Integration»). A query stem the FAQ does not have is replaced by the most similar stem of the FAQ
-- («дарожн» → «дорожн»), and the corrected query runs through the full-text search, so typos get
-- ranking and highlighted fragments like any other query. Publishing an entry adds its stems
-- (consultation service, same transaction), and the stems of existing entries are collected here.
-- Numbers are left out: they are not misspelt words, and thousands of them would only slow the lookup.
-- «ё» and «е» are one letter to a searcher («утвержденной» must find «утверждённую»), while the russian
-- stemmer keeps them apart: the indexed text, the word list and the query are all folded to «е».
CREATE TABLE "FaqWord" (
  "lexeme" TEXT NOT NULL,
  "word" TEXT NOT NULL,
  CONSTRAINT "FaqWord_pkey" PRIMARY KEY ("lexeme")
);
CREATE INDEX faq_word_trgm_idx ON "FaqWord" USING GIN ("lexeme" gin_trgm_ops);

INSERT INTO "FaqWord" ("lexeme", "word")
SELECT DISTINCT ON (lex) lex, w
FROM "FaqEntry", regexp_split_to_table(translate(lower("question" || ' ' || "answer"), 'ё', 'е'), '[^[:alnum:]]+') AS w,
     unnest(tsvector_to_array(to_tsvector('russian'::regconfig, w))) AS lex
WHERE length(lex) BETWEEN 2 AND 40 AND lex ~ '[[:alpha:]]'
ORDER BY lex, w
ON CONFLICT DO NOTHING;

-- The question-text trigram index served the earlier fallback, the word list replaces it.
DROP INDEX faq_entry_question_trgm_idx;

-- Browsing the FAQ (no search text) reads the newest entries first.
CREATE INDEX "FaqEntry_publishedAt_id_idx" ON "FaqEntry"("publishedAt" DESC, "id");

DROP INDEX faq_entry_search_idx;
ALTER TABLE "FaqEntry" DROP COLUMN "search";
ALTER TABLE "FaqEntry" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('russian'::regconfig, translate("question", 'ёЁ', 'еЕ')), 'A') || setweight(to_tsvector('russian'::regconfig, translate("answer", 'ёЁ', 'еЕ')), 'B')
) STORED;
CREATE INDEX faq_entry_search_idx ON "FaqEntry" USING GIN ("search");
