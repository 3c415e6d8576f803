// Roadmaps (дорожные карты): types with figures and rights, then queries, mutations and live updates.
import "./schema/types.ts";
import "./schema/operations.ts";
import "./schema/review.ts";
import "./schema/queue.ts";
import "./schema/verification.ts";
import "./schema/municipal.ts";
