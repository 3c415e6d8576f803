// Roadmaps (дорожные карты), one file per type with its queries, mutations and subscriptions: the roadmap,
// its measures, evidence and comments, import, review, the review queue, verification and municipal roadmaps.
import "./schema/roadmap.ts";
import "./schema/measure.ts";
import "./schema/measure-evidence.ts";
import "./schema/measure-comment.ts";
import "./schema/roadmap-import.ts";
import "./schema/review.ts";
import "./schema/queue.ts";
import "./schema/verification.ts";
import "./schema/municipal.ts";
