// The PDF downloads' rows of the access matrix (matrix.test.ts runs them for every demo role): the live
// roadmap, risk-profile and summary PDFs and the dated copies of every fixture roadmap and school answer
// 200 exactly to the roles that see the page they print, 404 to the others, 401 to the anonymous.
import { expect } from "vitest";
import type { TestServer } from "../../testkit/server.ts";
import { snapshotApprovedRoadmap } from "../../../api/src/modules/pdf/snapshots.ts";

interface Place {
  participationId: string | null;
  schoolId: string | null;
  municipalityId: string;
  regionId: string;
}
export interface PdfMatrixHelpers {
  s: () => TestServer;
  token: (role: string) => string | undefined;
  sees: (role: string, place: Place) => boolean;
  roadmaps: () => Record<string, { id: string; place: Place }>;
  schools: () => Record<string, Place>;
  reviewerId: () => string;
}

export function pdfMatrix(h: PdfMatrixHelpers) {
  let probes: { path: string; place: Place; label: string }[] = [];
  const made: string[] = [];
  let startedAt = new Date();

  /** Live PDFs of every fixture, and a stored copy of every roadmap (with its school's summary). */
  async function setup() {
    const { db } = h.s();
    const now = new Date();
    startedAt = now;
    for (const [k, r] of Object.entries(h.roadmaps())) {
      await db.$transaction((tx) => snapshotApprovedRoadmap(tx, { roadmapId: r.id, participationId: r.place.participationId, version: 1, reviewerId: h.reviewerId(), now }), { timeout: 60_000 });
      probes.push({ path: `/files/pdf/roadmaps/${r.id}.pdf`, place: r.place, label: `roadmap of ${k}` });
    }
    for (const [k, place] of Object.entries(h.schools())) {
      probes.push({ path: `/files/pdf/profiles/${place.participationId}.pdf`, place, label: `profile of ${k}` });
      probes.push({ path: `/files/pdf/summaries/${place.participationId}.pdf`, place, label: `summary of ${k}` });
    }
    const copies = await db.pdfSnapshot.findMany({ where: { createdAt: now }, select: { id: true, kind: true, roadmapId: true, participationId: true, fileId: true } });
    for (const c of copies) {
      made.push(c.id);
      const owner = Object.entries(h.roadmaps()).find(([, r]) => r.id === c.roadmapId) ?? Object.entries(h.roadmaps()).find(([, r]) => r.place.participationId === c.participationId);
      probes.push({ path: `/files/pdf/copies/${c.id}`, place: owner![1].place, label: `${c.kind} copy of ${owner![0]}` });
    }
    expect(copies.length).toBeGreaterThanOrEqual(Object.keys(h.roadmaps()).length);
  }

  async function teardown() {
    const { db } = h.s();
    // Ours, and those the matrix's approveRoadmap / approveDocument checks stored on the fixtures since.
    const where = {
      OR: [
        { id: { in: made } },
        {
          createdAt: { gte: startedAt },
          OR: [{ roadmapId: { in: Object.values(h.roadmaps()).map((r) => r.id) } }, { participationId: { in: Object.values(h.schools()).map((p) => p.participationId!) } }],
        },
      ],
    };
    const rows = await db.pdfSnapshot.findMany({ where, select: { fileId: true } });
    await db.pdfSnapshot.deleteMany({ where });
    await db.storedFile.deleteMany({ where: { id: { in: rows.map((r) => r.fileId) } } });
    probes = [];
  }

  async function check(role: string) {
    expect(probes.length).toBeGreaterThan(0);
    for (const p of probes) {
      const token = h.token(role);
      const res = await fetch(`${h.s().url}${p.path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      await res.arrayBuffer();
      const want = role === "anonymous" ? 401 : h.sees(role, p.place) ? 200 : 404;
      expect(res.status, `${role}: ${p.label}`).toBe(want);
    }
  }

  return { setup, teardown, check };
}
