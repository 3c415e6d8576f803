// The aggregation SQL of the reports, split by concern under sql/: the filter, p0 and grouping
// (base.ts), the figure sections (sections.ts), the stored per-participation figures (stored.ts), the
// reports (reports.ts), ordering, paging and running (run.ts). This file is the module's entry point.
export * from "./sql/base.ts";
export * from "./sql/reports.ts";
export { reportStatementTimeoutMs, runReportSql } from "./sql/run.ts";
