// Roadmap progress (done on time / due so far) and indicator attainment, computed in SQL, in the time
// zone of the school's region (Забайкальский край: Asia/Chita, UTC+9).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../../testkit/server.ts";
import { gid, seedWorld, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { roadmapFigures } from "../../../api/src/modules/roadmap/progress.ts";

let s: TestServer;
let w: World;
let roadmapId: string;

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** A moment given as Chita local time («2026-03-10 23:30» → 14:30 UTC). */
const chita = (local: string) => new Date(new Date(`${local.replace(" ", "T")}:00Z`).getTime() - 9 * 3600_000);

beforeAll(async () => {
  s = await startServer();
  w = await seedWorld(s.db, { regionCode: 75 });
  const r = await s.db.roadmap.create({ data: { programmeYearId: w.programmeYearId, participationId: w.participationId, title: "Дорожная карта для расчёта" } });
  roadmapId = r.id;
  let position = 0;
  const m = (title: string, data: Record<string, unknown>) => s.db.measure.create({ data: { roadmapId, position: ++position, title, ...data } });
  // Due 10 March, done on 10 March at 20:00 Chita: on time.
  await m("A: в срок", { dueDate: d("2026-03-10"), status: "DONE", completedAt: chita("2026-03-10 20:00"), indicatorName: "x", baselineValue: "10", targetValue: "20", actualValue: "15" });
  // Due 10 March, done 11 March 01:00 Chita — still 10 March in UTC, so only the region's clock shows it late.
  await m("B: на час позже по Чите", { dueDate: d("2026-03-10"), status: "DONE", completedAt: chita("2026-03-11 01:00"), indicatorName: "x", targetValue: "100", actualValue: "120" });
  // Due 10 March, still in progress.
  await m("C: не выполнено", { dueDate: d("2026-03-10"), status: "IN_PROGRESS", indicatorName: "доля неуспевающих", baselineValue: "12", targetValue: "5", actualValue: "8" });
  // Due 11 March: «today» in the edge cases below.
  await m("D: срок 11 марта", { dueDate: d("2026-03-11"), status: "PLANNED", indicatorName: "x", targetValue: "10" });
  // Cancelled: counts nowhere, even with a target.
  await m("E: отменено", { dueDate: d("2026-03-01"), status: "CANCELLED", cancelReason: "не нужно", indicatorName: "x", targetValue: "10", actualValue: "10" });
  // Only a period label: never due.
  await m("F: в течение всего периода", { periodLabel: "В течение всего периода", status: "PLANNED" });
  // Done early, due later: done but not yet due.
  await m("G: выполнено досрочно", { dueDate: d("2026-12-20"), status: "DONE", completedAt: chita("2026-03-01 12:00") });
});
afterAll(() => s.stop());

const at = async (now: Date) => (await roadmapFigures(s.db, [roadmapId], now)).get(roadmapId)!;

describe("progress = done on time / due so far", () => {
  it("counts due, done on time and overdue as documented, on the region's clock", async () => {
    // 11 March 23:30 in Chita (14:30 UTC): D is due today but not overdue.
    const f = await at(chita("2026-03-11 23:30"));
    expect(f).toMatchObject({ measuresTotal: 6, done: 3, dueSoFar: 4, doneOnTime: 1, overdue: 1, indicatorCount: 4 });
    expect(f.today.toISOString().slice(0, 10)).toBe("2026-03-11");
    expect(f.progress).toBeCloseTo(1 / 4, 10);
  });

  it("a measure due «today» becomes overdue only when the day ends in Chita, not in UTC or Moscow", async () => {
    // 12 March 00:30 Chita is still 11 March 15:30 UTC and 18:30 in Moscow.
    const f = await at(chita("2026-03-12 00:30"));
    expect(f.today.toISOString().slice(0, 10)).toBe("2026-03-12");
    expect(f.overdue).toBe(2);
    const before = await at(chita("2026-03-11 23:59"));
    expect(before.overdue).toBe(1);
  });

  it("nothing is due before the first due date: progress is empty, not zero", async () => {
    const f = await at(chita("2026-02-01 12:00"));
    expect(f).toMatchObject({ dueSoFar: 0, doneOnTime: 0, overdue: 0, progress: null });
  });
});

describe("indicator attainment = actual vs target", () => {
  it("averages each measure's attainment: rising and falling indicators, capped at 100 %, missing actual as 0, cancelled ignored", async () => {
    const f = await at(chita("2026-03-11 12:00"));
    // A: (15−10)/(20−10) = 0.5; B: 120/100 capped to 1; C: (8−12)/(5−12) = 4/7; D: no actual → 0.
    expect(f.attainment).toBeCloseTo((0.5 + 1 + 4 / 7 + 0) / 4, 6);
  });

  it("the same figures reach the client on Roadmap.progress", async () => {
    const token = await s.signIn(w.users.school.email, TEST_PASSWORD);
    const r = await s.gql(
      `query($id: ID!) { node(id: $id) { ... on Roadmap { progress { measuresTotal done dueSoFar doneOnTime progress indicatorCount attainment asOf } } } }`,
      { id: gid("Roadmap", roadmapId) },
      { token },
    );
    const now = await at(new Date());
    expect(r.data.node.progress).toEqual({
      measuresTotal: now.measuresTotal,
      done: now.done,
      dueSoFar: now.dueSoFar,
      doneOnTime: now.doneOnTime,
      progress: now.progress,
      indicatorCount: 4,
      attainment: now.attainment,
      asOf: now.today.toISOString().slice(0, 10),
    });
  });
});
