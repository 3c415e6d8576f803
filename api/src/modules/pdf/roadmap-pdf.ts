// The roadmap as a PDF: its plan with dates, people, indicators and progress, stamped with its
// edition (the last submitted version) and review status on every page. Reads through `db`, which is a
// transaction when a copy is stored on approval, so the copy shows exactly what was approved.
import type { Prisma } from "../../db.ts";
import type { MeasureStatus, RoadmapStatus } from "../../../../prisma/generated/client/enums.ts";
import { dateOnly, dayLabel, facts, heading, momentLabel, paragraph, renderPdf, table, type PageStamp } from "./layout.ts";

export const ROADMAP_STATUS_LABEL: Record<RoadmapStatus, string> = {
  DRAFT: "черновик",
  SUBMITTED: "на проверке",
  APPROVED: "принята",
  RETURNED: "на доработке",
};

const MEASURE_STATUS_LABEL: Record<MeasureStatus, string> = {
  PLANNED: "запланировано",
  IN_PROGRESS: "выполняется",
  DONE: "выполнено",
  CANCELLED: "отменено",
};

const num = (d: Prisma.Decimal | null) => (d == null ? "" : d.toNumber().toLocaleString("ru-RU", { maximumFractionDigits: 4 }));

export interface RenderedPdf {
  content: Buffer;
  fileName: string;
  stamp: PageStamp;
}

/** The roadmap's PDF as of `now`; null when there is no such roadmap. */
export async function roadmapPdf(db: Prisma.TransactionClient, roadmapId: string, now: Date): Promise<RenderedPdf | null> {
  const r = await db.roadmap.findUnique({
    where: { id: roadmapId },
    select: {
      title: true,
      status: true,
      submittedAt: true,
      decidedAt: true,
      programmeYear: { select: { title: true } },
      participation: { select: { school: { select: { fullName: true, shortName: true, municipality: { select: { name: true, region: { select: { name: true, timeZone: true } } } } } } } },
      municipality: { select: { name: true, region: { select: { name: true, timeZone: true } } } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, submittedAt: true, review: { select: { decision: true, comment: true, createdAt: true } } } },
      measures: {
        orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        take: 1000,
        select: {
          position: true,
          title: true,
          periodLabel: true,
          startDate: true,
          dueDate: true,
          responsible: true,
          status: true,
          cancelReason: true,
          indicatorName: true,
          indicatorUnit: true,
          baselineValue: true,
          targetValue: true,
          actualValue: true,
          confirmedAt: true,
          riskFactor: { select: { number: true } },
        },
      },
    },
  });
  if (!r) return null;
  const school = r.participation?.school;
  const place = school
    ? { owner: school.shortName, municipality: school.municipality.name, region: school.municipality.region }
    : { owner: r.municipality!.name, municipality: r.municipality!.name, region: r.municipality!.region };
  const tz = place.region.timeZone;
  const last = r.versions[0];
  const version = !last ? "Редакция не отправлялась" : r.status === "DRAFT" ? `Черновик после редакции ${last.number}` : `Редакция ${last.number}`;
  const stamp: PageStamp = { owner: place.owner, title: "Дорожная карта", version, status: ROADMAP_STATUS_LABEL[r.status], date: dayLabel(now, tz) };
  const live = r.measures.filter((m) => m.status !== "CANCELLED");
  const done = live.filter((m) => m.status === "DONE").length;

  const content = await renderPdf({ stamp, documentTitle: r.title.includes(place.owner) ? r.title : `${r.title} — ${place.owner}`, landscape: true, createdAt: now }, (doc) => {
    heading(doc, r.title);
    facts(doc, [
      [school ? "Школа" : "Муниципалитет", school?.fullName ?? place.owner],
      ["Территория", school ? `${place.municipality}, ${place.region.name}` : place.region.name],
      ["Год проекта", r.programmeYear.title],
      ["Статус", `${ROADMAP_STATUS_LABEL[r.status]}${r.decidedAt && r.status !== "SUBMITTED" && r.status !== "DRAFT" ? ` (решение от ${momentLabel(r.decidedAt, tz)})` : ""}`],
      ["Редакция", last ? `${last.number}, отправлена ${momentLabel(last.submittedAt, tz)}` : "не отправлялась на проверку"],
      ...(last?.review?.comment ? [["Комментарий проверяющего", last.review.comment] as const] : []),
      ["Выполнение", `выполнено ${done} из ${live.length} мероприятий`],
    ]);
    doc.moveDown(0.5);
    if (!r.measures.length) return paragraph(doc, "В дорожной карте пока нет мероприятий.", { muted: true });
    table(
      doc,
      [
        { title: "№", width: 4, align: "right" },
        { title: "Мероприятие", width: 34 },
        { title: "Сроки", width: 12 },
        { title: "Ответственные", width: 15 },
        { title: "Фактор", width: 6, align: "center" },
        { title: "Показатель: база, цель, факт", width: 19 },
        { title: "Статус", width: 10 },
      ],
      r.measures.map((m) => [
        String(m.position),
        m.title,
        m.dueDate ? `${m.startDate ? `${dateOnly(m.startDate)} – ` : "до "}${dateOnly(m.dueDate)}` : (m.periodLabel ?? ""),
        m.responsible.join(", "),
        m.riskFactor ? String(m.riskFactor.number) : "",
        m.indicatorName
          ? // PT Sans has no arrow glyph: the values are named instead.
            `${m.indicatorName}${m.indicatorUnit ? `, ${m.indicatorUnit}` : ""}: база ${num(m.baselineValue) || "—"}, цель ${num(m.targetValue) || "—"}${m.actualValue != null ? `, факт ${num(m.actualValue)}` : ""}`
          : "",
        `${MEASURE_STATUS_LABEL[m.status]}${m.status === "DONE" ? (m.confirmedAt ? ", подтверждено" : ", ждёт подтверждения") : ""}${m.cancelReason ? `: ${m.cancelReason}` : ""}`,
      ]),
    );
  });
  return { content, stamp, fileName: `Дорожная карта — ${place.owner} — ${stamp.date}.pdf` };
}
