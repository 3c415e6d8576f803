// The roadmap services, by domain: where a write goes and who may make it (target.ts), one measure's
// rules and snapshot (measure-row.ts), changing the plan (measures.ts), carrying it out — progress,
// evidence, comments (reporting.ts). This file only gathers their public functions.
export { fail } from "../../errors.ts";
export { TX, resolveTarget, ensureRoadmap, type RoadmapTarget, type ResolvedTarget } from "./target.ts";
export { MeasureInvalidError, measureSnapshot, assertRiskFactor, type MeasurePlan } from "./measure-row.ts";
export { createMeasure, updateMeasure, cancelMeasure, reorderMeasures } from "./measures.ts";
export { reportMeasureProgress, commentMeasure, addMeasureEvidenceLink, addMeasureEvidenceFile, type ProgressReport } from "./reporting.ts";
