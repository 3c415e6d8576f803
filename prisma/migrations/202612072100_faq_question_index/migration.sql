-- FAQ search ranks a bounded set of candidates, the entries whose QUESTION matches first (they outrank
-- answer-only matches): this GIN index finds them without reading the rows of every match. The
-- expression is the search column's weight-A part, so a question match here is an A match there.
CREATE INDEX faq_entry_question_search_idx ON "FaqEntry" USING GIN (to_tsvector('russian'::regconfig, translate("question", 'ёЁ', 'еЕ')));
