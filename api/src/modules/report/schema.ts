// Monitoring and custom regional reporting: report queries, region scoring, exports.
import "./schema/reports.ts";
import "./schema/scoring.ts";
import "./schema/export.ts";
import "./schema/roadmap-list.ts";
import "./schema/municipal.ts";
