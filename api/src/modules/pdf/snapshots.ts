// Dated copies stored on approval. They are written inside the decision's own transaction: the PDF is
// rendered from what that transaction sees (the approved state), its bytes are put (fsynced,
// content-addressed) into the file storage, and its rows commit or roll back with the decision — an
// approval never commits without its copy, and a copy never exists for a decision that did not happen.
// A rolled-back attempt can leave an unreferenced blob behind, which is harmless: the same bytes would
// only ever be stored under the same name.
import type { Prisma } from "../../db.ts";
import type { PdfKind } from "../../../../prisma/generated/client/enums.ts";
import { fileStorage } from "../file/storage.ts";
import { profilePdf } from "./profile-pdf.ts";
import { roadmapPdf, type RenderedPdf } from "./roadmap-pdf.ts";
import { summaryPdf } from "./summary-pdf.ts";

type Tx = Prisma.TransactionClient;

async function store(tx: Tx, pdf: RenderedPdf, row: { kind: PdfKind; participationId: string | null; roadmapId: string | null; reason: string; createdById: string; createdAt: Date }) {
  const blob = await fileStorage().put(pdf.content);
  const file = await tx.storedFile.create({
    data: { sha256: blob.sha256, size: blob.size, mediaType: "application/pdf", originalName: pdf.fileName, uploadedById: row.createdById, createdAt: row.createdAt },
    select: { id: true },
  });
  await tx.pdfSnapshot.create({ data: { ...row, fileId: file.id, versionLabel: pdf.stamp.version, statusLabel: pdf.stamp.status } });
}

/** The next number of a school's stored summary. Callers hold the participation's row lock (they updated it), so racing approvals number in turn. */
const nextSummaryNumber = async (tx: Tx, participationId: string) => (await tx.pdfSnapshot.count({ where: { participationId, kind: "SCHOOL_SUMMARY" } })) + 1;

async function storeSummary(tx: Tx, participationId: string, reason: string, createdById: string, now: Date) {
  const pdf = await summaryPdf(tx, participationId, now, await nextSummaryNumber(tx, participationId));
  if (pdf) await store(tx, pdf, { kind: "SCHOOL_SUMMARY", participationId, roadmapId: null, reason, createdById, createdAt: now });
}

/** On approving a roadmap: the roadmap as approved, and for a school's roadmap the school's summary. */
export async function snapshotApprovedRoadmap(tx: Tx, a: { roadmapId: string; participationId: string | null; version: number; reviewerId: string; now: Date }) {
  const reason = `Дорожная карта принята (редакция ${a.version})`;
  const pdf = await roadmapPdf(tx, a.roadmapId, a.now);
  if (!pdf) return;
  await store(tx, pdf, { kind: "ROADMAP", participationId: a.participationId, roadmapId: a.roadmapId, reason, createdById: a.reviewerId, createdAt: a.now });
  if (a.participationId) await storeSummary(tx, a.participationId, reason, a.reviewerId, a.now);
}

/** On approving a concept document: the risk profile the documents rest on (when loaded), and the school's summary. */
export async function snapshotApprovedDocument(tx: Tx, a: { participationId: string; documentTitle: string; reviewerId: string; now: Date }) {
  const reason = `Принят документ: ${a.documentTitle}`;
  const profile = await profilePdf(tx, a.participationId, a.now);
  if (profile) await store(tx, profile, { kind: "RISK_PROFILE", participationId: a.participationId, roadmapId: null, reason, createdById: a.reviewerId, createdAt: a.now });
  await storeSummary(tx, a.participationId, reason, a.reviewerId, a.now);
}
