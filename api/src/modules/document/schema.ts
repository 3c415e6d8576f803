// Concept documents: types (document, versions, reviews, history, what a participation owes) and the
// operations (list, review queue, upload, submit, approve, return, live updates).
import "./schema/types.ts";
import "./schema/operations.ts";
