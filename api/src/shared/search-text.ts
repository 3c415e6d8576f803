// The text of a full-text search as PostgreSQL gets it, shared by every Russian search (the FAQ, the
// materials bank): control characters out, «ё» folded to «е» (as the indexes are), whitespace collapsed, bounded.

/** Search text is cut to this many characters before it reaches PostgreSQL. */
export const SEARCH_MAX = 300;

export const cleanSearch = (q: string | null | undefined) =>
  (q ?? "")
    .replace(/ё/g, "е")
    .replace(/Ё/g, "Е")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, SEARCH_MAX);
