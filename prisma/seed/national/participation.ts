// Everything one participation owns: its risk profile, concept documents with versions and reviews,
// and its roadmap with ~30 measures. Past years only, so every date lies in the participation's year.
import { SIGNIFICANCE_RULES } from "../risk-factors.ts";
import type { Prng } from "../lib/prng.ts";
import { periodLabel, ruDate } from "../lib/dates.ts";
import { CANCEL_REASONS, templatesFor } from "../measures.ts";
import type { TableWriter } from "./bulk.ts";
import type { NPeople } from "./people.ts";
import type { NParticipation } from "./territory.ts";

export interface ParticipationWriters {
  participations: TableWriter;
  curatorAssignments: TableWriter;
  profiles: TableWriter;
  entries: TableWriter;
  confirmations: TableWriter;
  documents: TableWriter;
  files: TableWriter;
  versions: TableWriter;
  reviews: TableWriter;
  roadmaps: TableWriter;
  measures: TableWriter;
  evidence: TableWriter;
}

export interface ParticipationContext {
  prng: Prng;
  w: ParticipationWriters;
  people: NPeople;
  /** year → factor number → id */
  factors: Map<number, Map<number, string>>;
  /** year → programme year id */
  years: Map<number, string>;
}

const DAY = 86_400_000;
const at = (base: number, days: number, prng: Prng) => new Date(base + days * DAY + prng.int(7, 15) * 3_600_000);
const share = (v: number) => v.toFixed(2).replace(".", ",");

type Level = "HIGH" | "MEDIUM" | "LOW";
const RANK: Record<Level, number> = { HIGH: 2, MEDIUM: 1, LOW: 0 };

const DECREE_ORGAN = "приказ органа исполнительной власти субъекта РФ в сфере образования";

/** The participation row with its curator assignments. */
export function writeParticipation(ctx: ParticipationContext, p: NParticipation): void {
  const { prng, w } = ctx;
  const region = p.school.municipality.region;
  // One decree per region and year names all of its participants.
  const decreeDate = ruDate(new Date(Date.UTC(p.year - 1, 11, 10 + (region.code % 15))));
  w.participations.add({
    id: p.id,
    schoolId: p.school.id,
    programmeYearId: ctx.years.get(p.year)!,
    decree: `${DECREE_ORGAN} (${region.name}) от ${decreeDate} № ${800 + region.code * 7}`,
    status: p.status,
    createdAt: new Date(Date.UTC(p.year - 1, 11, 28)),
    lastActivityAt: new Date(Date.UTC(p.year, prng.int(4, 11), prng.int(1, 28))),
  });
  for (const curatorId of ctx.people.curatorsOf.get(p)!) {
    w.curatorAssignments.add({
      id: prng.uuid(),
      curatorId,
      participationId: p.id,
      assignedAt: new Date(Date.UTC(p.year, 1, prng.int(1, 28))),
    });
  }
}

/** Writes the profile and returns the chosen factor numbers (1–3 of them). */
export function writeProfile(ctx: ParticipationContext, p: NParticipation): number[] {
  const { prng, w } = ctx;
  const factors = ctx.factors.get(p.year)!;
  const profileId = prng.uuid();
  const created = at(Date.UTC(p.year, 1, 1), prng.int(0, 27), prng);
  const verified = prng.chance(0.92);
  const verifiedAt = verified ? at(created.getTime(), prng.int(10, 40), prng) : null;
  w.profiles.add({
    id: profileId,
    participationId: p.id,
    verifiedAt,
    createdAt: created,
    updatedAt: verifiedAt ?? created,
  });

  const levels = [...factors.keys()].map((number) => {
    const level = prng.weighted<Level>([
      ["HIGH", 0.25],
      ["MEDIUM", 0.4],
      ["LOW", 0.35],
    ]);
    return { number, level, order: RANK[level] + prng.next() };
  });
  const k = prng.weighted([
    [1, 0.15],
    [2, 0.5],
    [3, 0.35],
  ] as const);
  const chosen = [...levels]
    .sort((a, b) => b.order - a.order)
    .slice(0, k)
    .map((l) => l.number);
  for (const { number, level } of levels) {
    const rule = SIGNIFICANCE_RULES.find((r) => r.factor === number);
    let explanation: string | null = null;
    if (rule) {
      const v =
        level === "HIGH"
          ? rule.highFrom + prng.next() * (0.95 - rule.highFrom) * 0.5
          : level === "MEDIUM"
            ? rule.mediumFrom + prng.next() * (rule.highFrom - rule.mediumFrom)
            : prng.next() * rule.mediumFrom;
      explanation = `«${rule.indicatorTitle}» = ${share(v)}; высокая от ${share(rule.highFrom)}, средняя от ${share(rule.mediumFrom)}.`;
    }
    w.entries.add({
      id: prng.uuid(),
      profileId,
      riskFactorId: factors.get(number)!,
      significance: level,
      explanation,
      chosen: chosen.includes(number),
    });
  }

  const parties = verified ? ["SCHOOL", "CURATOR", "MUNICIPALITY"] : ["SCHOOL", "CURATOR"].slice(0, prng.int(0, 2));
  const userOf: Record<string, string> = {
    SCHOOL: ctx.people.schoolAccount.get(p.school)!,
    CURATOR: ctx.people.curatorsOf.get(p)![0]!,
    MUNICIPALITY: ctx.people.municipalCoordinator.get(p.school.municipality)!,
  };
  for (const [i, party] of parties.entries()) {
    w.confirmations.add({
      id: prng.uuid(),
      profileId,
      party,
      userId: userOf[party],
      confirmedAt: at(created.getTime(), 5 + i * 3, prng),
    });
  }
  return chosen;
}

const KIND_FILE: Record<string, string> = {
  CONCEPT: "Концепция развития",
  MEDIUM_TERM_PROGRAMME: "Среднесрочная программа развития",
  ANTI_RISK_PROGRAMME: "Программа антирисковых мер",
};
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const RETURN_COMMENTS = [
  "Не отражены результаты диагностики и выбранные факторы риска.",
  "Нет измеримых показателей и сроков по задачам программы.",
  "Мероприятия не согласованы с дорожной картой, не указаны ответственные.",
  "Цели программы не соответствуют рисковому профилю школы.",
];
/** Histories: u — upload, s — submit, a — approve, r — return. Weighted to a mostly finished year. */
const HISTORIES = [
  ["usa", 0.6],
  ["usrusa", 0.18],
  ["usr", 0.08],
  ["us", 0.05],
  ["usrus", 0.03],
  ["u", 0.06],
] as const;

export function writeDocuments(ctx: ParticipationContext, p: NParticipation, chosen: number[]): void {
  const { prng, w } = ctx;
  const uploader = ctx.people.schoolAccount.get(p.school)!;
  const reviewer = ctx.people.curatorsOf.get(p)![0]!;
  const factors = ctx.factors.get(p.year)!;
  const docs = [
    { kind: "CONCEPT", riskFactorId: null as string | null },
    { kind: "MEDIUM_TERM_PROGRAMME", riskFactorId: null },
    ...chosen.map((n) => ({ kind: "ANTI_RISK_PROGRAMME", riskFactorId: factors.get(n)! })),
  ];
  for (const doc of docs) {
    const documentId = prng.uuid();
    const history = prng.weighted(HISTORIES);
    let t = Date.UTC(p.year, 2, 1) + prng.int(0, 45) * DAY;
    const versions: {
      id: string;
      fileId: string;
      number: number;
      at: Date;
      submittedAt: Date | null;
    }[] = [];
    const reviews: {
      id: string;
      versionId: string;
      decision: string;
      comment: string | null;
      at: Date;
    }[] = [];
    let status = "DRAFT";
    let revision = 0;
    let submittedAt: Date | null = null;
    let decidedAt: Date | null = null;
    for (const step of history) {
      const when = at(t, prng.int(1, 6), prng);
      t = when.getTime();
      if (step === "u")
        versions.push({
          id: prng.uuid(),
          fileId: prng.uuid(),
          number: versions.length + 1,
          at: when,
          submittedAt: null,
        });
      else if (step === "s") {
        versions[versions.length - 1]!.submittedAt = when;
        [status, submittedAt, decidedAt] = ["SUBMITTED", when, null];
        revision++;
      } else {
        const decision = step === "a" ? "APPROVED" : "RETURNED";
        const comment = step === "r" ? prng.pick(RETURN_COMMENTS) : null;
        reviews.push({
          id: prng.uuid(),
          versionId: versions[versions.length - 1]!.id,
          decision,
          comment,
          at: when,
        });
        [status, decidedAt] = [decision, when];
        revision++;
      }
    }
    w.documents.add({
      id: documentId,
      participationId: p.id,
      kind: doc.kind,
      riskFactorId: doc.riskFactorId,
      status,
      revision,
      submittedAt,
      decidedAt,
      createdAt: versions[0]!.at,
      updatedAt: new Date(t),
    });
    for (const v of versions) {
      const docx = prng.chance(0.2);
      w.files.add({
        id: v.fileId,
        sha256: prng.hex64(),
        size: prng.int(60_000, 3_000_000),
        mediaType: docx ? DOCX : "application/pdf",
        originalName: `${KIND_FILE[doc.kind]}${v.number > 1 ? ` (версия ${v.number})` : ""}.${docx ? "docx" : "pdf"}`,
        uploadedById: uploader,
        createdAt: v.at,
      });
      w.versions.add({
        id: v.id,
        documentId,
        number: v.number,
        fileId: v.fileId,
        uploadedById: uploader,
        uploadedAt: v.at,
        note: v.number > 1 ? "Исправлено по замечаниям куратора" : null,
        submittedAt: v.submittedAt,
        submittedById: v.submittedAt ? uploader : null,
      });
    }
    for (const r of reviews) {
      w.reviews.add({
        id: r.id,
        documentId,
        versionId: r.versionId,
        decision: r.decision,
        comment: r.comment,
        reviewerId: reviewer,
        createdAt: r.at,
      });
    }
  }
}

const QUALIFIERS = ["", " по математике", " по русскому языку", " в 5–9 классах", " в начальной школе", " (I полугодие)", " (II полугодие)"];
const REVISION: Record<string, number> = { PLANNED: 0, IN_PROGRESS: 1, DONE: 2, CANCELLED: 1 };

export function writeRoadmap(ctx: ParticipationContext, p: NParticipation, chosen: number[]): number {
  const { prng, w } = ctx;
  const roadmapId = prng.uuid();
  const schoolUser = ctx.people.schoolAccount.get(p.school)!;
  const factors = ctx.factors.get(p.year)!;
  const created = at(Date.UTC(p.year, 2, 1), prng.int(0, 30), prng);
  w.roadmaps.add({
    id: roadmapId,
    programmeYearId: ctx.years.get(p.year)!,
    participationId: p.id,
    title: `Дорожная карта ${p.school.shortName} на ${p.year} год`,
    createdAt: created,
  });
  const templates = templatesFor(chosen);
  const count = prng.int(24, 36);
  const yearEnd = Date.UTC(p.year, 11, 25);
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length]!;
    const start = Date.UTC(p.year, 0, 15) + prng.int(0, 300) * DAY;
    const due = Math.min(start + prng.int(7, 90) * DAY, yearEnd);
    const status = prng.weighted([
      ["DONE", 0.72],
      ["IN_PROGRESS", 0.1],
      ["PLANNED", 0.14],
      ["CANCELLED", 0.04],
    ] as const);
    const progress = (s: number) => Math.round((t.baseline + (t.target - t.baseline) * s) * 100) / 100;
    const actual = status === "DONE" ? (prng.chance(0.7) ? t.target : progress(0.5 + prng.next() * 0.4)) : status === "IN_PROGRESS" ? progress(0.3) : null;
    const completedAt = status === "DONE" ? at(due, -prng.int(0, 5), prng) : null;
    const measureId = prng.uuid();
    w.measures.add({
      id: measureId,
      roadmapId,
      position: i + 1,
      title: `${t.title}${QUALIFIERS[Math.floor(i / templates.length) % QUALIFIERS.length]}`,
      description: t.description,
      startDate: new Date(start),
      dueDate: new Date(due),
      periodLabel: periodLabel(new Date(start), new Date(due)),
      responsible: t.responsible,
      riskFactorId: factors.get(t.factor)!,
      indicatorName: t.indicatorName,
      indicatorUnit: t.indicatorUnit,
      baselineValue: t.baseline,
      targetValue: t.target,
      actualValue: actual,
      status,
      completedAt,
      cancelReason: status === "CANCELLED" ? prng.pick(CANCEL_REASONS) : null,
      revision: REVISION[status],
      createdAt: created,
      updatedAt: completedAt ?? created,
    });
    if (status === "DONE" && completedAt) {
      const r = prng.next();
      if (r < 0.6) {
        w.evidence.add({
          id: prng.uuid(),
          measureId,
          url: `https://school-${p.school.index + 1}.national.medk.test/500plus/${p.year}/${i + 1}`,
          note: "Новость на сайте школы",
          addedById: schoolUser,
          createdAt: completedAt,
        });
      } else if (r < 0.68) {
        const fileId = prng.uuid();
        w.files.add({
          id: fileId,
          sha256: prng.hex64(),
          size: prng.int(30_000, 900_000),
          mediaType: "application/pdf",
          originalName: "Протокол мероприятия.pdf",
          uploadedById: schoolUser,
          createdAt: completedAt,
        });
        w.evidence.add({
          id: prng.uuid(),
          measureId,
          fileId,
          note: "Протокол",
          addedById: schoolUser,
          createdAt: completedAt,
        });
      }
    }
  }
  return count;
}
