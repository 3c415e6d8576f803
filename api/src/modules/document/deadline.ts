// When concept documents are due: the end of ProgrammeYear.conceptDocumentsDue in the region's own
// time zone (Забайкальский край is UTC+9, Калининград UTC+2), and what a participation still owes.
import type { DocumentKind, DocumentStatus } from "../../../../prisma/generated/client/enums.ts";

const formats = new Map<string, Intl.DateTimeFormat>();
const formatFor = (timeZone: string) => {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, f);
  }
  return f;
};

/** The offset of `timeZone` from UTC at instant `t`, in milliseconds (UTC+9 → 9 h). */
function offsetAt(t: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(t))
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return local - Math.floor(t / 1000) * 1000;
}

/** The instant of local midnight starting calendar day `y-m-d` in `timeZone`. */
function localMidnight(y: number, m: number, d: number, timeZone: string): Date {
  const naive = Date.UTC(y, m - 1, d);
  let t = naive - offsetAt(naive, timeZone);
  const again = offsetAt(t, timeZone);
  if (naive - again !== t) t = naive - again;
  return new Date(t);
}

/**
 * The instant of local wall-clock time `y-m-d h:mi` in `timeZone` (an event set «в 10:00 по местному
 * времени» of Забайкальский край is 01:00 UTC). An unknown zone counts as Moscow time.
 */
export function localInstant(y: number, m: number, d: number, h: number, mi: number, timeZone: string): Date {
  let zone = timeZone;
  try {
    formatFor(zone);
  } catch {
    zone = "Europe/Moscow";
  }
  const naive = Date.UTC(y, m - 1, d, h, mi);
  let t = naive - offsetAt(naive, zone);
  const again = offsetAt(t, zone);
  if (naive - again !== t) t = naive - again;
  return new Date(t);
}

/** The local wall-clock time of instant `t` in `timeZone` as «YYYY-MM-DDTHH:MM». */
export function localDateTime(t: Date, timeZone: string): string {
  let f: Intl.DateTimeFormat;
  try {
    f = formatFor(timeZone);
  } catch {
    f = formatFor("Europe/Moscow");
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The moment a deadline passes: the end of calendar day `due` (a `@db.Date`, UTC midnight) in
 * `timeZone`, i.e. the next local midnight. An unknown zone counts as Moscow time.
 */
export function endOfDayIn(due: Date, timeZone: string): Date {
  let zone = timeZone;
  try {
    formatFor(zone);
  } catch {
    zone = "Europe/Moscow";
  }
  return localMidnight(due.getUTCFullYear(), due.getUTCMonth() + 1, due.getUTCDate() + 1, zone);
}

/**
 * «Просрочен»: the deadline has passed and the document is not with the reviewer or accepted —
 * never uploaded, still a draft, or returned and not sent again.
 */
export const isOverdue = (deadline: Date, status: DocumentStatus | null, now = new Date()) => now.getTime() >= deadline.getTime() && status !== "SUBMITTED" && status !== "APPROVED";

export interface OwedInput<D> {
  chosenRiskFactors: { id: string; number: number }[];
  documents: (D & { kind: DocumentKind; riskFactorId: string | null })[];
}

/**
 * The concept documents a participation owes, in the order users read them: the concept, the
 * medium-term programme, then one anti-risk programme per risk factor chosen in its profile (by
 * number), each with its document when one was uploaded.
 */
export function owedDocuments<D>(p: OwedInput<D>) {
  const find = (kind: DocumentKind, riskFactorId: string | null) => p.documents.find((d) => d.kind === kind && d.riskFactorId === riskFactorId) ?? null;
  return [
    { kind: "CONCEPT" as DocumentKind, riskFactorId: null, document: find("CONCEPT", null) },
    { kind: "MEDIUM_TERM_PROGRAMME" as DocumentKind, riskFactorId: null, document: find("MEDIUM_TERM_PROGRAMME", null) },
    ...[...p.chosenRiskFactors]
      .sort((a, b) => a.number - b.number)
      .map((rf) => ({ kind: "ANTI_RISK_PROGRAMME" as DocumentKind, riskFactorId: rf.id as string | null, document: find("ANTI_RISK_PROGRAMME", rf.id) })),
  ];
}
