// Downloads of roadmap files: `/files/roadmaps/<roadmapId>.xlsx` (the export) and
// `/files/evidence/<evidenceId>` (an evidence file), to whoever may see the roadmap — the same rule as
// the Roadmap type. Unknown and not-visible ids answer the same 404.
import type { DB } from "../../db.ts";
import { canSeeRoadmap, loadRoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { FileRoute } from "../file/download.ts";
import { exportRoadmap } from "./transfer.ts";

const UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
const EXPORT_RE = new RegExp(`^/files/roadmaps/${UUID}\\.xlsx$`, "i");
const EVIDENCE_RE = new RegExp(`^/files/evidence/${UUID}$`, "i");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function visible(db: DB, viewer: Viewer, roadmapId: string) {
  const place = await loadRoadmapPlace(db, roadmapId);
  return !!place && canSeeRoadmap(viewer.read, place);
}

/** A roadmap as an .xlsx workbook, made for each request. */
export const roadmapExportFiles: FileRoute = {
  prefix: "/files/roadmaps/",
  match: (path) => EXPORT_RE.exec(path)?.[1] ?? null,
  notFound: "Дорожная карта не найдена",
  async resolve({ db, viewer }, roadmapId) {
    if (!(await visible(db, viewer, roadmapId))) return null;
    const { fileName, content } = await exportRoadmap(db, roadmapId);
    return { generated: { fileName, contentType: XLSX, body: content } };
  },
};

/** A measure's evidence file. */
export const evidenceFiles: FileRoute = {
  prefix: "/files/evidence/",
  match: (path) => EVIDENCE_RE.exec(path)?.[1] ?? null,
  async resolve({ db, viewer }, evidenceId) {
    const e = await db.measureEvidence.findUnique({
      where: { id: evidenceId },
      select: { measure: { select: { roadmapId: true } }, file: { select: { sha256: true, mediaType: true, originalName: true } } },
    });
    if (!e?.file || !(await visible(db, viewer, e.measure.roadmapId))) return null;
    return { stored: e.file };
  },
};
