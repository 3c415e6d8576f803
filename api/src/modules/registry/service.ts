// Registry imports: preview (read the file, judge every row, store the judgement — nothing else is
// written), then apply (judge the stored rows again against the database as it is now, refuse if the
// preview is stale, write every new and changed row in one transaction). Re-applying the same file
// finds every row unchanged and writes nothing.
import { createHash } from "node:crypto";
import type { Context } from "../../context.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canManageRegistry } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { RegistryImportKind, RegistryRowOutcome } from "../../../../prisma/generated/client/enums.ts";
import { kickMail } from "../mail/outbox.ts";
import { type ApplyOutput, type Candidate, type ImportKind, type ImportScope, type Judged } from "./kinds.ts";
import { municipalitiesKind } from "./municipalities.ts";
import { onboardingKind } from "./onboarding.ts";
import { participantsKind } from "./participants.ts";
import { schoolsKind } from "./schools.ts";
import { readTable, TABLE_MAX_BYTES, TableUnreadableError } from "../../shared/table.ts";
import { insertImportRows } from "./bulk.ts";
import { surveyKind } from "../diagnostics/survey-import.ts";
import { participantYear } from "../programme/years.ts";

/** A national registry is written in one transaction: give it time. */
const TX = { maxWait: 15_000, timeout: 180_000 } as const;

const KINDS: Record<RegistryImportKind, ImportKind<any>> = {
  SCHOOLS: schoolsKind,
  MUNICIPALITIES: municipalitiesKind,
  PARTICIPANTS: participantsKind,
  ONBOARDING: onboardingKind,
  SURVEY: surveyKind,
};

export class ImportAlreadyAppliedError extends DomainError {
  constructor() {
    super("Этот файл уже применён. Чтобы внести изменения, загрузите файл заново", "IMPORT_ALREADY_APPLIED");
  }
}
export class StalePreviewError extends DomainError {
  constructor(rows: number[]) {
    super(`Данные изменились после предпросмотра (строки ${rows.slice(0, 10).join(", ")}${rows.length > 10 ? "…" : ""}): ничего не записано, загрузите файл ещё раз`, "IMPORT_PREVIEW_STALE");
  }
}
export class NothingToApplyError extends DomainError {
  constructor() {
    super("В файле нет ни одной новой или изменённой строки: применять нечего", "IMPORT_NOTHING_TO_APPLY");
  }
}

export interface PreviewInput {
  kind: RegistryImportKind;
  file: File;
  regionId: string | null;
  year: number | null;
  /** The programme of `year` (null: the federal «500+»). */
  programmeId?: string | null;
  decreeNumber: string | null;
  decreeDate: Date | null;
}

/** «приказ от 17.12.2021 № 1186». */
export const decreeText = (number: string, date: Date) => `приказ от ${date.toISOString().slice(8, 10)}.${date.toISOString().slice(5, 7)}.${date.toISOString().slice(0, 4)} № ${number.trim()}`;

/** Works out where an import applies and whether the viewer may run it there. */
export async function importScope(ctx: Context, viewer: Viewer, input: Omit<PreviewInput, "file">): Promise<ImportScope> {
  // The year's programme decides the region its schools must lie in (participants, onboarding and survey results alike).
  const yearBound = input.kind === "PARTICIPANTS" || input.kind === "ONBOARDING" || input.kind === "SURVEY";
  const y = yearBound && input.year != null ? await participantYear(ctx.db, input.year, input.programmeId) : null;
  const programmeRegionId = y?.programme.regionId ?? null;
  if (programmeRegionId && !canManageRegistry(viewer.act, programmeRegionId)) throw forbidden("Участников регионального проекта назначает координатор его субъекта (или федеральный)");
  if (programmeRegionId && input.regionId && input.regionId !== programmeRegionId)
    throw new DomainError(`«${y!.programme.shortName}» — проект субъекта «${y!.programme.region!.name}»: загрузите его участников в этот субъект`, "PROGRAMME_REGION_MISMATCH");
  // A regional coordinator of one region works in it without naming it; a region's programme works in its region.
  const regionId = input.regionId ?? programmeRegionId ?? (!viewer.act.all && viewer.act.regionIds.size === 1 ? [...viewer.act.regionIds][0]! : null);
  if (!canManageRegistry(viewer.act, regionId)) throw forbidden("Реестр субъекта ведёт его региональный координатор (или федеральный)");
  if (regionId && !(await ctx.db.region.findUnique({ where: { id: regionId }, select: { id: true } }))) throw notFound("Субъект не найден");
  let programmeYearId: string | null = null;
  let decree: string | null = null;
  if (yearBound) {
    if (input.year == null) throw new DomainError("Укажите год проекта", "YEAR_REQUIRED");
    if (!y) throw notFound(`${input.year} год проекта не открыт`);
    programmeYearId = y.id;
  }
  if (input.kind === "PARTICIPANTS") {
    if (!input.decreeNumber?.trim() || !input.decreeDate) throw new DomainError("Укажите номер и дату приказа", "DECREE_REQUIRED");
    decree = decreeText(input.decreeNumber, input.decreeDate);
  }
  return { regionId, programmeYearId, decree };
}

/** Reads the file and stores the judgement of every row; returns the import (nothing else is written). */
export async function previewImport(ctx: Context, input: PreviewInput): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const scope = await importScope(ctx, viewer, input);
  if (input.file.size > TABLE_MAX_BYTES) throw new TableUnreadableError(`Файл больше ${TABLE_MAX_BYTES / 1024 / 1024} МБ: разделите его на части`);
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const impl = KINDS[input.kind];
  const table = await readTable(bytes, input.file.name, impl.maxRows);
  if (!table.rows.length) throw new TableUnreadableError("В файле есть только строка заголовков: нет ни одной строки данных");
  const judged = await impl.judge(ctx.db, scope, impl.read(table, scope));
  const counts = countOf(judged);
  const created = await ctx.db.registryImport.create({
    data: {
      kind: input.kind,
      ...scope,
      fileName: input.file.name.slice(0, 255),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      createdById: viewer.id,
      ...counts,
    },
    select: { id: true },
  });
  await insertImportRows(ctx.db, created.id, judged);
  return created;
}

const countOf = (rows: Judged<unknown>[]) => ({
  newCount: rows.filter((r) => r.outcome === "NEW").length,
  changedCount: rows.filter((r) => r.outcome === "CHANGED").length,
  unchangedCount: rows.filter((r) => r.outcome === "UNCHANGED").length,
  rejectedCount: rows.filter((r) => r.outcome === "REJECTED").length,
});

/** Loads an import the viewer may work with (its own scope). */
export async function loadImport(ctx: Context, viewer: Viewer, id: string) {
  const imp = await ctx.db.registryImport.findUnique({ where: { id } });
  if (!imp || !canManageRegistry(viewer.act, imp.regionId)) throw notFound("Загрузка не найдена");
  return imp;
}

/**
 * Applies a previewed import: the rows the preview accepted are judged again; if any would now come
 * out differently the import is refused as stale. Otherwise every new and changed row is written in
 * one transaction (with its audit entry) and the import is marked applied; rejected rows are skipped.
 */
export async function applyImport(ctx: Context, id: string): Promise<{ id: string; output: ApplyOutput }> {
  const viewer = requireViewer(ctx);
  const imp = await loadImport(ctx, viewer, id);
  if (imp.appliedAt) throw new ImportAlreadyAppliedError();
  if (!imp.newCount && !imp.changedCount) throw new NothingToApplyError();
  const impl = KINDS[imp.kind];
  const scope: ImportScope = { regionId: imp.regionId, programmeYearId: imp.programmeYearId, decree: imp.decree };
  // Only what the second judgement needs, as a raw query: a survey file stores 160,000 rows, and mapping
  // them through the ORM (every column, BigInt ids, Json wrappers) cost more than the whole write.
  const stored = await ctx.db.$queryRaw<{ rowNumber: number; outcome: RegistryRowOutcome; data: unknown; targetId: string | null }[]>`
    SELECT "rowNumber", outcome::text AS outcome, data, "targetId"::text AS "targetId" FROM "RegistryImportRow"
    WHERE "importId" = ${id}::uuid AND outcome <> 'REJECTED' ORDER BY "rowNumber"`;
  const output = await ctx.db.$transaction(async (tx) => {
    // The guard against two applies at once: only one can stamp the import.
    const { count } = await tx.registryImport.updateMany({ where: { id, appliedAt: null }, data: { appliedAt: new Date() } });
    if (!count) throw new ImportAlreadyAppliedError();
    const candidates: Candidate<any>[] = stored.map((r) => ({ rowNumber: r.rowNumber, data: r.data, problems: [] }));
    const again = await impl.judge(tx as never, scope, candidates);
    const stale = again.filter((r, i) => r.outcome !== stored[i]!.outcome || (r.targetId ?? null) !== (stored[i]!.targetId ?? null)).map((r) => r.rowNumber);
    if (stale.length) throw new StalePreviewError(stale);
    const out = await impl.apply(
      tx,
      viewer,
      scope,
      again.filter((r) => r.outcome === "NEW" || r.outcome === "CHANGED"),
    );
    await tx.auditEvent.create({
      data: {
        actorId: viewer.id,
        action: "registry.apply",
        entityType: "RegistryImport",
        entityId: id,
        after: { kind: imp.kind, fileName: imp.fileName, sha256: imp.sha256, regionId: imp.regionId, decree: imp.decree, ...countOf(again) },
      },
    });
    return out;
  }, TX);
  // Invitation mails go out now, not at the next sweep; a failed kick leaves them to the sweep.
  kickMail(output.mailIds ?? []);
  output.after?.(ctx.pubsub);
  return { id, output };
}
