// FAQ search in PostgreSQL: full-text search with the `russian` configuration (stems: «дорожной карты»
// finds «дорожная карта»), ranked by ts_rank with the question weighted above the answer (ts_rank_cd,
// cover density, cost five times more on thousands of matches and ranked no better here), fragments
// highlighted by ts_headline; when the words match nothing, misspelt words are corrected against the
// FAQ's own words with pg_trgm («дарожной» → «дорожной») and the search runs again. Only the page's
// rows get headlines (ts_headline is the costly part).
import { Prisma } from "../../db.ts";
import type { DB } from "../../db.ts";
import { cleanSearch } from "./validation.ts";

export interface FaqSearch {
  text?: string | null;
  topicId?: string | null;
  year?: number | null;
  /** Regions whose regional FAQ the reader sees, or "all". */
  regions: string[] | "all";
  limit: number;
  offset?: number;
  /**
   * "all": every word must match (the FAQ page); "any": any word may (similar questions while typing,
   * where a whole question is the query and ranking does the rest).
   */
  match?: "all" | "any";
}

export interface FaqHitRow {
  id: string;
  rank: number;
  /** The question with matches marked by \u0001…\u0002 (see {@link markup}). */
  questionHeadline: string;
  answerHeadline: string;
}

export interface FaqSearchResult {
  hits: FaqHitRow[];
  total: number;
  /** How the hits were found: by words, by similar spelling, or none asked (newest first). */
  mode: "FULL_TEXT" | "TYPO_TOLERANT" | "BROWSE";
  /** The query as corrected for typos (TYPO_TOLERANT only). */
  corrected?: string;
  /** More entries match than are ranked ({@link RANKED}): `total` is a lower bound. */
  capped?: boolean;
}

const START = "\u0001";
const STOP = "\u0002";
const HEADLINE_OPTS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const QUESTION_OPTS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

function filters(s: FaqSearch): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (s.regions !== "all") parts.push(s.regions.length ? Prisma.sql`(f.scope = 'FEDERAL' OR f."regionId" = ANY(${s.regions}::uuid[]))` : Prisma.sql`f.scope = 'FEDERAL'`);
  if (s.topicId) parts.push(Prisma.sql`f."topicId" = ${s.topicId}::uuid`);
  if (s.year != null) parts.push(Prisma.sql`f.year = ${s.year}::int`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/**
 * How many matches are ranked at most. Up to this many, every match is ranked (the exact order); beyond
 * it, ranking all of them is what made a common word slow (14,000 matches: 70–130 ms), so the first
 * RANKED matches are ranked — question matches first, as they outrank answer-only ones — and `capped` says
 * that there are more.
 */
export const RANKED = 1000;
/** Similar questions: the candidates ranked, and the query's words used (the rarest ones). */
export const SIMILAR_RANKED = 200;
export const SIMILAR_LEXEMES = 8;

/** The question's own vector, as the search column's weight-A part and the question index compute it. */
const QVEC = Prisma.sql`to_tsvector('russian'::regconfig, translate(f.question, 'ёЁ', 'еЕ'))`;

/** What a query is made of: a tsquery of the FAQ page, or the stems of similar questions («any word»). */
type Query = { kind: "all"; tsq: Prisma.Sql } | { kind: "any"; lexemes: Prisma.Sql };

/** Searches the FAQ entries the reader sees. */
export async function searchFaq(db: DB, s: FaqSearch): Promise<FaqSearchResult> {
  const text = cleanSearch(s.text);
  const offset = s.offset ?? 0;
  const where = filters(s);
  if (!text) {
    const [rows, count] = await Promise.all([
      db.$queryRaw<{ id: string; question: string; answer: string }[]>`
        SELECT f.id, f.question, left(f.answer, 400) AS answer FROM "FaqEntry" f WHERE TRUE ${where}
        ORDER BY f."publishedAt" DESC, f.id LIMIT ${s.limit} OFFSET ${offset}`,
      db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "FaqEntry" f WHERE TRUE ${where}`,
    ]);
    return {
      mode: "BROWSE",
      total: count[0]!.n,
      hits: rows.map((r) => ({ id: r.id, rank: 0, questionHeadline: r.question, answerHeadline: r.answer.length === 400 ? `${r.answer}…` : r.answer })),
    };
  }

  const found = await fullText(db, s, text, s.match ?? "all");
  if (found.hits.length || offset > 0) return found;
  return typoTolerant(db, s, text);
}

/**
 * The full-text search proper. The matches are ranked in a narrow materialized set (id, date, rank) so
 * that counting them does not carry whole rows; only the page's rows get headlines.
 */
const fullText = (db: DB, s: FaqSearch, text: string, match: "all" | "any") =>
  fullTextQuery(
    db,
    s,
    match === "all"
      ? { kind: "all", tsq: Prisma.sql`websearch_to_tsquery('russian', ${text})` }
      : // to_tsvector stems and drops stop words, as plainto_tsquery does
        { kind: "any", lexemes: Prisma.sql`tsvector_to_array(to_tsvector('russian', ${text}))` },
  );

/**
 * The candidates, bounded. FAQ page: the entries whose question matches (their own GIN index), then the
 * others, at most RANKED + 1 (the one more tells that there are more). Similar questions: the query's
 * SIMILAR_LEXEMES rarest stems that the FAQ has (its word list; rarity by the planner's statistics of the
 * search column), and for each stem in
 * turn the questions that have it and no rarer one — so the candidates carry the telling words first.
 * The tsquery `tsq` ranks them: the FAQ page's query, or «any of the stems, in the question (A)».
 */
function candidatesSql(q: Query, s: FaqSearch): Prisma.Sql {
  if (q.kind === "all")
    return Prisma.sql`q AS (SELECT ${q.tsq} AS tsq),
    cand AS MATERIALIZED (
      SELECT c.id FROM (
        (SELECT f.id FROM "FaqEntry" f, q WHERE ${QVEC} @@ q.tsq AND f.search @@ q.tsq ${filters(s)} LIMIT ${RANKED + 1})
        UNION ALL
        (SELECT f.id FROM "FaqEntry" f, q WHERE f.search @@ q.tsq AND NOT (${QVEC} @@ q.tsq) ${filters(s)} LIMIT ${RANKED + 1})
      ) c LIMIT ${RANKED + 1}
    ),`;
  return Prisma.sql`lx AS MATERIALIZED (
      -- stems the FAQ has (its word list) before the others, then the rarest first
      SELECT l.lexeme, row_number() OVER (ORDER BY (fw.lexeme IS NULL), COALESCE(st.freq, 0), l.lexeme) AS n
      FROM (SELECT DISTINCT unnest(${q.lexemes}::text[]) AS lexeme) l
      LEFT JOIN "FaqWord" fw ON fw.lexeme = l.lexeme
      LEFT JOIN (
        SELECT e.elem AS lexeme, e.freq FROM pg_stats ps, unnest(ps.most_common_elems::text::text[], ps.most_common_elem_freqs) AS e(elem, freq)
        WHERE ps.schemaname = current_schema() AND ps.tablename = 'FaqEntry' AND ps.attname = 'search'
      ) st ON st.lexeme = l.lexeme
      ORDER BY n LIMIT ${SIMILAR_LEXEMES}
    ),
    steps AS (
      SELECT l.n, quote_literal(l.lexeme)::tsquery AS one,
        (SELECT string_agg(quote_literal(e.lexeme) || ':A', ' | ')::tsquery FROM lx e WHERE e.n < l.n) AS rarer
      FROM lx l
    ),
    q AS (SELECT COALESCE((SELECT string_agg(quote_literal(lexeme) || ':A', ' | ')::tsquery FROM lx), ''::tsquery) AS tsq),
    cand AS MATERIALIZED (
      SELECT c.id FROM (SELECT * FROM steps ORDER BY n) st, LATERAL (
        SELECT f.id FROM "FaqEntry" f
        WHERE ${QVEC} @@ st.one AND (st.rarer IS NULL OR NOT (f.search @@ st.rarer)) ${filters(s)}
        LIMIT ${SIMILAR_RANKED + 1}
      ) c LIMIT ${SIMILAR_RANKED + 1}
    ),`;
}

async function fullTextQuery(db: DB, s: FaqSearch, query: Query): Promise<FaqSearchResult> {
  const ranked = query.kind === "all" ? RANKED : SIMILAR_RANKED;
  const rows = await db.$queryRaw<(FaqHitRow & { total: number; question: string; answer: string })[]>`
    WITH ${candidatesSql(query, s)}
    matched AS MATERIALIZED (
      SELECT f.id, f."publishedAt", ts_rank(f.search, q.tsq, 1) AS rank
      FROM (SELECT id FROM cand LIMIT ${ranked}) c JOIN "FaqEntry" f ON f.id = c.id, q
    ),
    page AS (
      SELECT m.id, m.rank, m."publishedAt" FROM matched m
      ORDER BY m.rank DESC, m."publishedAt" DESC, m.id
      LIMIT ${s.limit} OFFSET ${s.offset ?? 0}
    )
    SELECT p.id, p.rank::float8 AS rank, (SELECT count(*) FROM cand)::int AS total, f.question, f.answer,
           ts_headline('russian', translate(f.question, 'ёЁ', 'еЕ'), q.tsq, ${QUESTION_OPTS}) AS "questionHeadline",
           ts_headline('russian', translate(f.answer, 'ёЁ', 'еЕ'), q.tsq, ${HEADLINE_OPTS}) AS "answerHeadline"
    FROM page p JOIN "FaqEntry" f ON f.id = p.id, q
    ORDER BY p.rank DESC, p."publishedAt" DESC, p.id`;
  const found = rows[0]?.total ?? 0;
  return {
    mode: "FULL_TEXT",
    total: Math.min(found, ranked),
    capped: found > ranked,
    hits: rows.map((r) => ({
      id: r.id,
      rank: r.rank,
      questionHeadline: unfold(r.questionHeadline, r.question),
      answerHeadline: unfold(r.answerHeadline, r.answer),
    })),
  };
}

const fold = (t: string) => t.replace(/ё/g, "е").replace(/Ё/g, "Е");

/**
 * Puts the original letters back into a headline made from the «ё»-folded text: folding keeps every
 * character in its place, so each run of text between the marks is found in the folded original and
 * replaced by the same span of the original.
 */
export function unfold(headline: string, original: string): string {
  const folded = fold(original);
  let from = 0;
  return headline.replace(/[^\u0001\u0002]+/g, (run) => {
    const at = folded.indexOf(run, from);
    if (at < 0) return run;
    from = at + run.length;
    return original.slice(at, at + run.length);
  });
}

/**
 * The fallback: the query's stems that the FAQ does not have are replaced by the FAQ's most similar
 * stems (pg_trgm similarity over the stem list «FaqWord», served by its trigram GIN index: «дарожн» →
 * «дорожн»), stems with nothing similar are dropped, and the corrected query runs through the same
 * full-text search — so a typo still gets ranking and highlighted fragments.
 */
async function typoTolerant(db: DB, s: FaqSearch, text: string): Promise<FaqSearchResult> {
  const none: FaqSearchResult = { mode: "FULL_TEXT", total: 0, hits: [] };
  const fixes = await db.$queryRaw<{ lexeme: string; fixed: string | null; word: string | null }[]>`
    WITH q AS (
      SELECT q.lexeme, COALESCE(
        (SELECT fw.lexeme FROM "FaqWord" fw WHERE fw.lexeme = q.lexeme),
        -- % alone (no OR beside it), so the trigram index answers
        (SELECT fw.lexeme FROM "FaqWord" fw WHERE fw.lexeme % q.lexeme ORDER BY similarity(fw.lexeme, q.lexeme) DESC, fw.lexeme LIMIT 1)
      ) AS fixed
      FROM unnest(tsvector_to_array(to_tsvector('russian', ${text}))) AS q(lexeme)
    )
    SELECT q.lexeme, q.fixed, w.word FROM q LEFT JOIN "FaqWord" w ON w.lexeme = q.fixed`;
  const kept = fixes.filter((f) => f.fixed);
  if (!kept.length || (kept.every((f) => f.fixed === f.lexeme) && kept.length === fixes.length)) return none;
  const lexemes = [...new Set(kept.map((f) => f.fixed!))];
  const q: Query =
    s.match === "any"
      ? { kind: "any", lexemes: Prisma.sql`${lexemes}::text[]` }
      : { kind: "all", tsq: Prisma.sql`array_to_string(ARRAY(SELECT quote_literal(l) FROM unnest(${lexemes}::text[]) AS l), ' & ')::tsquery` };
  const found = await fullTextQuery(db, s, q);
  return found.hits.length ? { ...found, mode: "TYPO_TOLERANT", corrected: kept.map((f) => f.word!).join(" ") } : none;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A headline as safe HTML: the text escaped, the matches in <mark>. */
export const markup = (headline: string) =>
  escapeHtml(headline.replace(/[\u0000\u0003-\u0008\u000b\u000c\u000e-\u001f]/g, ""))
    .replaceAll(START, "<mark>")
    .replaceAll(STOP, "</mark>");

/** Adds the stems of a FAQ text (with a word of each) to the list the typo correction reads (inside the caller's transaction). */
export async function collectFaqWords(tx: Pick<DB, "$executeRaw">, texts: string[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "FaqWord" ("lexeme", "word")
    SELECT DISTINCT ON (lex) lex, w
    FROM regexp_split_to_table(translate(lower(${texts.join(" ")}), 'ё', 'е'), '[^[:alnum:]]+') AS w,
         unnest(tsvector_to_array(to_tsvector('russian', w))) AS lex
    WHERE length(lex) BETWEEN 2 AND 40 AND lex ~ '[[:alpha:]]'
    ORDER BY lex, w
    ON CONFLICT DO NOTHING`;
}
