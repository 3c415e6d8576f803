// A one-page summary of a school's year: who it is, its curators, its chosen risks, its concept documents
// and its roadmap, as they stand. A stored copy is numbered («копия № 3»); a live download is «текущие данные».
import type { Prisma } from "../../db.ts";
import type { ParticipationStatus } from "../../../../prisma/generated/client/enums.ts";
import { documentTitle, STATUS_LABEL } from "../document/validation.ts";
import { dayLabel, facts, heading, momentLabel, paragraph, renderPdf, table, type PageStamp } from "./layout.ts";
import { SIGNIFICANCE_LABEL } from "./profile-pdf.ts";
import { ROADMAP_STATUS_LABEL, type RenderedPdf } from "./roadmap-pdf.ts";

export const PARTICIPATION_STATUS_LABEL: Record<ParticipationStatus, string> = {
  PARTICIPATING: "участвует в проекте",
  LEFT_LOW_RESULTS: "вышла из числа ШНОР",
  WITHDRAWN: "выбыла из проекта",
};

/** The summary of a participation as of `now`; `copyNumber` for a stored copy. Null when there is no such participation. */
export async function summaryPdf(db: Prisma.TransactionClient, participationId: string, now: Date, copyNumber?: number): Promise<RenderedPdf | null> {
  const p = await db.participation.findUnique({
    where: { id: participationId },
    select: {
      status: true,
      decree: true,
      programmeYear: { select: { title: true } },
      school: { select: { fullName: true, shortName: true, inn: true, address: true, municipality: { select: { name: true, region: { select: { name: true, timeZone: true } } } } } },
      curators: { select: { curator: { select: { fullName: true, organisation: { select: { shortName: true } } } } }, take: 10 },
      riskProfile: { select: { verifiedAt: true, entries: { where: { chosen: true }, select: { significance: true, riskFactor: { select: { number: true, title: true } } } } } },
      documents: {
        take: 30,
        select: {
          kind: true,
          status: true,
          decidedAt: true,
          riskFactor: { select: { title: true, number: true } },
          versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
        },
      },
      roadmap: { select: { status: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } }, measures: { select: { status: true, dueDate: true } } } },
    },
  });
  if (!p) return null;
  const tz = p.school.municipality.region.timeZone;
  const stamp: PageStamp = {
    owner: p.school.shortName,
    title: "Справка о школе",
    version: copyNumber ? `Копия № ${copyNumber}` : "Текущие данные",
    status: PARTICIPATION_STATUS_LABEL[p.status],
    date: dayLabel(now, tz),
  };
  const kindOrder = { CONCEPT: 0, MEDIUM_TERM_PROGRAMME: 1, ANTI_RISK_PROGRAMME: 2, ROADMAP_ATTACHMENT: 3 } as const;
  const documents = [...p.documents].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || (a.riskFactor?.number ?? 0) - (b.riskFactor?.number ?? 0));
  const risks = [...(p.riskProfile?.entries ?? [])].sort((a, b) => a.riskFactor.number - b.riskFactor.number);
  const measures = (p.roadmap?.measures ?? []).filter((m) => m.status !== "CANCELLED");
  const today = new Date(`${new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(now)}T00:00:00Z`);
  const overdue = measures.filter((m) => m.status !== "DONE" && m.dueDate && m.dueDate < today).length;

  const content = await renderPdf({ stamp, documentTitle: `Справка о школе — ${p.school.shortName}`, createdAt: now }, (doc) => {
    heading(doc, "Справка о школе", 14);
    facts(
      doc,
      [
        ["Полное наименование", p.school.fullName],
        ["Территория", `${p.school.municipality.name}, ${p.school.municipality.region.name}`],
        ["ИНН", p.school.inn ?? ""],
        ["Адрес", p.school.address ?? ""],
        ["Год проекта", p.programmeYear.title],
        ["Участие", `${PARTICIPATION_STATUS_LABEL[p.status]}${p.decree ? ` (${p.decree})` : ""}`],
        ["Кураторы", p.curators.map((c) => `${c.curator.fullName}${c.curator.organisation ? ` (${c.curator.organisation.shortName})` : ""}`).join("; ") || "не назначены"],
        ["Рисковый профиль", p.riskProfile ? (p.riskProfile.verifiedAt ? `верифицирован ${momentLabel(p.riskProfile.verifiedAt, tz)}` : "ждёт подтверждения") : "не загружен"],
        ["Факторы риска в работе", risks.map((e) => `${e.riskFactor.number}. ${e.riskFactor.title} (${SIGNIFICANCE_LABEL[e.significance]})`).join("; ") || "не выбраны"],
        [
          "Дорожная карта",
          p.roadmap
            ? `${ROADMAP_STATUS_LABEL[p.roadmap.status]}${p.roadmap.versions[0] ? `, редакция ${p.roadmap.versions[0].number}` : ""}; выполнено ${measures.filter((m) => m.status === "DONE").length} из ${measures.length}, просрочено ${overdue}`
            : "не начата",
        ],
      ],
      150,
    );
    doc.moveDown(0.4);
    heading(doc, "Концептуальные документы", 11);
    if (!documents.length) return paragraph(doc, "Документы ещё не загружены.", { muted: true });
    table(
      doc,
      [
        { title: "Документ", width: 58 },
        { title: "Статус", width: 16 },
        { title: "Версия", width: 8, align: "right" },
        { title: "Решение", width: 18 },
      ],
      documents.map((d) => [
        documentTitle(d.kind, d.riskFactor?.title),
        STATUS_LABEL[d.status],
        String(d.versions[0]?.number ?? ""),
        d.decidedAt && (d.status === "APPROVED" || d.status === "RETURNED") ? momentLabel(d.decidedAt, tz) : "",
      ]),
      { size: 8.5 },
    );
  });
  return { content, stamp, fileName: `Справка о школе — ${p.school.shortName} — ${stamp.date}.pdf` };
}
