// FAQ search in PostgreSQL: full-text search with the `russian` configuration (stems: «дорожной карты»
// finds «дорожная карта»), ranked by ts_rank_cd with the question weighted above the answer, fragments
// highlighted by ts_headline; when the words match nothing, a pg_trgm fallback finds questions with
// typos («дарожная»). Only the page's rows get headlines (ts_headline is the costly part).
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
}

const START = "\u0001";
const STOP = "\u0002";
const HEADLINE_OPTS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const QUESTION_OPTS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;

/** Below this word similarity a spelling is too far from the query to count as a typo. */
export const TRIGRAM_THRESHOLD = 0.45;

function filters(s: FaqSearch): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (s.regions !== "all")
    parts.push(
      s.regions.length
        ? Prisma.sql`(f.scope = 'FEDERAL' OR f."regionId" = ANY(${s.regions}::uuid[]))`
        : Prisma.sql`f.scope = 'FEDERAL'`,
    );
  if (s.topicId) parts.push(Prisma.sql`f."topicId" = ${s.topicId}::uuid`);
  if (s.year != null) parts.push(Prisma.sql`f.year = ${s.year}::int`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

const tsQuery = (text: string, match: "all" | "any") =>
  match === "all"
    ? Prisma.sql`websearch_to_tsquery('russian', ${text})`
    : // plainto_tsquery stems and drops stop words; its text form joined by | is the «any word» query.
      Prisma.sql`replace(plainto_tsquery('russian', ${text})::text, ' & ', ' | ')::tsquery`;

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

  const q = tsQuery(text, s.match ?? "all");
  const rows = await db.$queryRaw<(FaqHitRow & { total: number })[]>`
    WITH q AS (SELECT ${q} AS tsq),
    matched AS (
      SELECT f.id, ts_rank_cd(f.search, q.tsq, 1) AS rank, count(*) OVER () AS total
      FROM "FaqEntry" f, q
      WHERE f.search @@ q.tsq ${where}
      ORDER BY rank DESC, f."publishedAt" DESC, f.id
      LIMIT ${s.limit} OFFSET ${offset}
    )
    SELECT m.id, m.rank::float8 AS rank, m.total::int AS total,
           ts_headline('russian', f.question, q.tsq, ${QUESTION_OPTS}) AS "questionHeadline",
           ts_headline('russian', f.answer, q.tsq, ${HEADLINE_OPTS}) AS "answerHeadline"
    FROM matched m JOIN "FaqEntry" f ON f.id = m.id, q
    ORDER BY m.rank DESC, f."publishedAt" DESC, f.id`;
  if (rows.length || offset > 0) return { mode: "FULL_TEXT", total: rows[0]?.total ?? 0, hits: rows.map(({ total: _t, ...h }) => h) };
  return typoTolerant(db, s, text, where);
}

/**
 * The fallback: questions whose words are spelled like the query's (pg_trgm word similarity, served by
 * the trigram GIN index through `<%`). Matched words are marked by comparing each word of the question
 * with the query's words.
 */
async function typoTolerant(db: DB, s: FaqSearch, text: string, where: Prisma.Sql): Promise<FaqSearchResult> {
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(TRIGRAM_THRESHOLD)}, true)`,
    db.$queryRaw<{ id: string; rank: number; question: string; answer: string; total: number }[]>`
      SELECT f.id, word_similarity(${text}, f.question)::float8 AS rank, f.question, left(f.answer, 400) AS answer,
             (count(*) OVER ())::int AS total
      FROM "FaqEntry" f
      WHERE ${text} <% f.question ${where}
      ORDER BY rank DESC, f."publishedAt" DESC, f.id
      LIMIT ${s.limit} OFFSET ${s.offset ?? 0}`,
  ]);
  const words = queryWords(text);
  return {
    mode: rows.length ? "TYPO_TOLERANT" : "FULL_TEXT",
    total: rows[0]?.total ?? 0,
    hits: rows.map((r) => ({
      id: r.id,
      rank: r.rank,
      questionHeadline: markSimilarWords(r.question, words),
      answerHeadline: markSimilarWords(r.answer.length === 400 ? `${r.answer}…` : r.answer, words),
    })),
  };
}

const queryWords = (text: string) => text.toLocaleLowerCase("ru").split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3);

/** Trigram similarity of two words (the pg_trgm definition: padded 3-grams, shared / union). */
export function trigramSimilarity(a: string, b: string): number {
  const grams = (w: string) => {
    const p = `  ${w} `;
    const set = new Set<string>();
    for (let i = 0; i + 3 <= p.length; i++) set.add(p.slice(i, i + 3));
    return set;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / (ga.size + gb.size - shared);
}

/** Marks the words of `text` that are spelled like one of `words` (for the typo-tolerant results). */
export function markSimilarWords(text: string, words: string[]): string {
  if (!words.length) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => {
    const lw = w.toLocaleLowerCase("ru");
    return lw.length >= 3 && words.some((q) => trigramSimilarity(q, lw) >= 0.4) ? `${START}${w}${STOP}` : w;
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A headline as safe HTML: the text escaped, the matches in <mark>. */
export const markup = (headline: string) =>
  escapeHtml(headline.replace(/[\u0000\u0003-\u0008\u000b\u000c\u000e-\u001f]/g, "")).replaceAll(START, "<mark>").replaceAll(STOP, "</mark>");
