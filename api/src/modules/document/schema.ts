// Concept documents, one file per type with its queries, mutations and subscriptions: the document,
// its versions, reviews, history and actors, and what a participation owes.
import "./schema/actor.ts";
import "./schema/review.ts";
import "./schema/document-version.ts";
import "./schema/document-history-entry.ts";
import "./schema/document.ts";
import "./schema/required-document.ts";
