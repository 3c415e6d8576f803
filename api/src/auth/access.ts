// The access rules, in one place. Pothos scopes, services and SQL filters all call these, so a rule
// changes here once. Every function takes a Reach (what a viewer may read, or act on). The rules live in
// access/, one file per concern; this file is the one door the rest of the API imports them through.
export * from "./access/territory.ts";
export * from "./access/users.ts";
export * from "./access/roadmaps.ts";
export * from "./access/documents.ts";
export * from "./access/reports.ts";
export * from "./access/programmes.ts";
export * from "./access/consultation.ts";
export * from "./access/events.ts";
export * from "./access/library.ts";
