// The school's risk profile as a PDF: every factor with its significance, how it was reached, whether the
// school works on it and the recommendation for it; stamped with the profile's edition (its last change)
// and verification status on every page.
import type { Prisma } from "../../db.ts";
import type { ConfirmingParty, Significance } from "../../../../prisma/generated/client/enums.ts";
import { dayLabel, facts, heading, momentLabel, paragraph, renderPdf, table, type PageStamp } from "./layout.ts";
import type { RenderedPdf } from "./roadmap-pdf.ts";

export const SIGNIFICANCE_LABEL: Record<Significance, string> = { HIGH: "высокая", MEDIUM: "средняя", LOW: "низкая" };
const PARTY_LABEL: Record<ConfirmingParty, string> = { SCHOOL: "школа", CURATOR: "куратор", MUNICIPALITY: "муниципальный координатор" };
const PARTIES: ConfirmingParty[] = ["SCHOOL", "CURATOR", "MUNICIPALITY"];

/** The profile's labels as printed: the edition is the moment of its last change. */
export const profileLabels = (p: { verifiedAt: Date | null; updatedAt: Date }, tz: string) => ({
  version: `Редакция от ${momentLabel(p.updatedAt, tz)}`,
  status: p.verifiedAt ? "верифицирован" : "ждёт подтверждения",
});

/** The participation's risk profile as of `now`; null when the profile has not been loaded. */
export async function profilePdf(db: Prisma.TransactionClient, participationId: string, now: Date): Promise<RenderedPdf | null> {
  const p = await db.participation.findUnique({
    where: { id: participationId },
    select: {
      programmeYear: { select: { title: true } },
      school: { select: { fullName: true, shortName: true, municipality: { select: { name: true, region: { select: { name: true, timeZone: true } } } } } },
      riskProfile: {
        select: {
          verifiedAt: true,
          updatedAt: true,
          confirmations: { select: { party: true, confirmedAt: true, userId: true } },
          entries: {
            select: { significance: true, explanation: true, chosen: true, riskFactor: { select: { number: true, title: true, recommendations: { select: { significance: true, text: true } } } } },
          },
        },
      },
    },
  });
  const profile = p?.riskProfile;
  if (!p || !profile) return null;
  const tz = p.school.municipality.region.timeZone;
  const labels = profileLabels(profile, tz);
  const stamp: PageStamp = { owner: p.school.shortName, title: "Рисковый профиль", ...labels, date: dayLabel(now, tz) };
  const users = await db.user.findMany({ where: { id: { in: profile.confirmations.map((c) => c.userId) } }, select: { id: true, fullName: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.fullName]));
  const entries = [...profile.entries].sort((a, b) => a.riskFactor.number - b.riskFactor.number);
  const chosen = entries.filter((e) => e.chosen);

  const content = await renderPdf({ stamp, documentTitle: `Рисковый профиль — ${p.school.shortName}`, createdAt: now }, (doc) => {
    heading(doc, "Рисковый профиль школы");
    facts(doc, [
      ["Школа", p.school.fullName],
      ["Территория", `${p.school.municipality.name}, ${p.school.municipality.region.name}`],
      ["Год проекта", p.programmeYear.title],
      ["Верификация", profile.verifiedAt ? `верифицирован ${momentLabel(profile.verifiedAt, tz)}` : "ждёт подтверждения"],
      ...PARTIES.map((party) => {
        const c = profile.confirmations.find((x) => x.party === party);
        return [`Подтверждение: ${PARTY_LABEL[party]}`, c ? `${nameOf.get(c.userId) ?? ""}, ${momentLabel(c.confirmedAt, tz)}` : "нет"] as const;
      }),
      ["Выбраны для работы", chosen.length ? chosen.map((e) => `${e.riskFactor.number}. ${e.riskFactor.title}`).join("; ") : "не выбраны"],
    ]);
    doc.moveDown(0.5);
    table(
      doc,
      [
        { title: "№", width: 4, align: "right" },
        { title: "Фактор риска", width: 30 },
        { title: "Значимость", width: 11 },
        { title: "В работе", width: 8 },
        { title: "Как получено", width: 22 },
        { title: "Рекомендации", width: 30 },
      ],
      entries.map((e) => [
        String(e.riskFactor.number),
        e.riskFactor.title,
        SIGNIFICANCE_LABEL[e.significance],
        e.chosen ? "да" : "нет",
        e.explanation ?? "",
        e.riskFactor.recommendations.find((x) => x.significance === e.significance)?.text ?? "",
      ]),
    );
    if (!entries.length) paragraph(doc, "В профиле нет факторов риска.", { muted: true });
  });
  return { content, stamp, fileName: `Рисковый профиль — ${p.school.shortName} — ${stamp.date}.pdf` };
}
