// PDF downloads under /files/pdf/…, to whoever may see the page the PDF prints — the same rules as the
// Roadmap and Participation types:
//   /files/pdf/roadmaps/<roadmapId>.pdf            the roadmap now
//   /files/pdf/profiles/<participationId>.pdf      the school's risk profile now
//   /files/pdf/summaries/<participationId>.pdf     the one-page school summary now
//   /files/pdf/copies/<snapshotId>[/<file name>]   a dated copy stored on approval, byte for byte
// Unknown and not-visible ids answer the same 404.
import type { DB } from "../../db.ts";
import { canSeeParticipation, canSeeRoadmap, loadRoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { DownloadRefused, type FileRoute } from "../file/download.ts";
import { profilePdf } from "./profile-pdf.ts";
import { roadmapPdf } from "./roadmap-pdf.ts";
import { summaryPdf } from "./summary-pdf.ts";

const UUID = "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
const LIVE_RE = new RegExp(`^/files/pdf/(roadmaps|profiles|summaries)/${UUID}\\.pdf$`, "i");
const COPY_RE = new RegExp(`^/files/pdf/copies/${UUID}(?:/[^/]*)?$`, "i");

export const roadmapPdfPath = (roadmapId: string) => `/files/pdf/roadmaps/${roadmapId}.pdf`;
export const profilePdfPath = (participationId: string) => `/files/pdf/profiles/${participationId}.pdf`;
export const summaryPdfPath = (participationId: string) => `/files/pdf/summaries/${participationId}.pdf`;
/** The file name is the last segment, so a browser's PDF viewer titles the tab with it. */
export const pdfCopyPath = (snapshotId: string, fileName: string) => `/files/pdf/copies/${snapshotId}/${encodeURIComponent(fileName)}`;

const NOT_FOUND = "Файл не найден";

async function participationVisible(db: DB, viewer: Viewer, participationId: string) {
  const p = await db.participation.findUnique({ where: { id: participationId }, select: { id: true, schoolId: true } });
  return !!p && canSeeParticipation(viewer.read, p);
}

async function roadmapVisible(db: DB, viewer: Viewer, roadmapId: string) {
  const place = await loadRoadmapPlace(db, roadmapId);
  return !!place && canSeeRoadmap(viewer.read, place);
}

/** A dated copy stored on approval, byte for byte (listed before the live PDFs: its prefix is longer). */
export const pdfCopyFiles: FileRoute = {
  prefix: "/files/pdf/copies/",
  match: (path) => COPY_RE.exec(path)?.[1] ?? null,
  notFound: NOT_FOUND,
  async resolve({ db, viewer }, copyId) {
    const copy = await db.pdfSnapshot.findUnique({
      where: { id: copyId },
      select: { participationId: true, roadmapId: true, file: { select: { sha256: true, mediaType: true, originalName: true } } },
    });
    if (!copy) return null;
    const visible = copy.participationId ? await participationVisible(db, viewer, copy.participationId) : await roadmapVisible(db, viewer, copy.roadmapId!);
    return visible ? { stored: copy.file } : null;
  },
};

/** The roadmap, the risk profile or the school summary as it is now, made for each request. */
export const pdfLiveFiles: FileRoute = {
  prefix: "/files/pdf/",
  match: (path) => {
    const m = LIVE_RE.exec(path);
    return m ? `${m[1]!.toLowerCase()}:${m[2]}` : null;
  },
  notFound: NOT_FOUND,
  async resolve({ db, viewer }, key) {
    const [what, id] = key.split(":") as ["roadmaps" | "profiles" | "summaries", string];
    const visible = what === "roadmaps" ? await roadmapVisible(db, viewer, id) : await participationVisible(db, viewer, id);
    if (!visible) return null;
    const now = new Date();
    const pdf = what === "roadmaps" ? await roadmapPdf(db, id, now) : what === "profiles" ? await profilePdf(db, id, now) : await summaryPdf(db, id, now);
    if (!pdf) {
      if (what === "profiles") throw new DownloadRefused(404, "Рисковый профиль школы ещё не загружен");
      return null;
    }
    return { generated: { fileName: pdf.fileName, contentType: "application/pdf", body: pdf.content } };
  },
};
