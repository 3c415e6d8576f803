// The methodical materials bank: publish a material (a file through the documents' content checks and
// storage, or a link) and add versions that keep the old ones. House order: assert access → validate →
// one transaction with the rows and the audit entry; a failed call leaves no file behind.
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { fail, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canPublishMaterial } from "../../auth/access.ts";
import type { MaterialKind } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { storeUpload, type StoredUpload } from "../file/upload.ts";
import { yearWhere } from "../programme/years.ts";

const TX = { maxWait: 15_000, timeout: 30_000 } as const;

export interface Source {
  file?: File | null;
  url?: string | null;
}

/**
 * Checks the source (a file or a link, exactly one) and runs `write` with it; a file goes through the
 * shared upload routine (the same checks and storage as concept documents, undone if `write` fails).
 */
async function withSource<T>(ctx: Context, src: Source, write: (stored: StoredUpload | null, url: string | null) => Promise<T>): Promise<T> {
  const url = src.url?.trim() || null;
  if (src.file && url) throw fail("FILE_OR_URL", "Приложите файл или укажите ссылку — что-то одно");
  if (!src.file && !url) throw fail("FILE_OR_URL", "Приложите файл или укажите ссылку");
  return storeUpload(ctx.db, src.file, (stored) => write(stored, stored ? null : url));
}

async function fileRow(tx: Prisma.TransactionClient, stored: StoredUpload | null, viewerId: string) {
  return stored ? tx.storedFile.create({ data: { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.name, uploadedById: viewerId } }) : null;
}

export interface PublishMaterialInput extends Source {
  kind: MaterialKind;
  title: string;
  description?: string | null;
  year?: number | null;
  regionId?: string | null;
  riskFactorNumbers?: number[] | null;
}

/** Publishes a material (version 1). A regional coordinator publishes for its region; the federal one anywhere. */
export async function publishMaterial(ctx: Context, input: PublishMaterialInput): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const regionId = input.regionId ?? null;
  if (!canPublishMaterial(viewer.act, regionId)) throw forbidden(regionId ? "Публиковать материалы региона может его координатор" : "Федеральные материалы публикует федеральный координатор");
  if (regionId && !(await ctx.db.region.findUnique({ where: { id: regionId }, select: { id: true } }))) throw notFound("Регион не найден");
  const year = input.year ? await ctx.db.programmeYear.findFirst({ where: yearWhere(input.year), select: { id: true } }) : null;
  if (input.year && !year) throw fail("YEAR_NOT_FOUND", `Года проекта ${input.year} нет`);
  const factors = [...new Set(input.riskFactorNumbers ?? [])].sort((a, b) => a - b);
  return withSource(ctx, input, async (stored, url) => {
    const id = await ctx.db.$transaction(async (tx) => {
      const file = await fileRow(tx, stored, viewer.id);
      const m = await tx.material.create({
        data: {
          kind: input.kind,
          title: input.title.trim(),
          description: input.description?.trim() || null,
          programmeYearId: year?.id ?? null,
          regionId,
          riskFactorNumbers: factors,
          fileId: file?.id ?? null,
          url,
          publishedById: viewer.id,
          versions: { create: { number: 1, fileId: file?.id ?? null, url, createdById: viewer.id } },
        },
        select: { id: true },
      });
      await audit(tx, {
        actorId: viewer.id,
        action: "material.published",
        entityType: "Material",
        entityId: m.id,
        after: { kind: input.kind, title: input.title.trim(), regionId, year: input.year ?? null, riskFactors: factors, file: stored?.name ?? null, url },
      });
      return m.id;
    }, TX);
    return { id };
  });
}

/**
 * Adds a new version (a file or a link): the old versions stay, the material now points at the new one.
 * Two publishers adding at once both succeed with consecutive numbers (the unique number retries once).
 */
export async function addMaterialVersion(ctx: Context, materialId: string, src: Source & { note?: string | null }): Promise<{ id: string; number: number }> {
  const viewer = requireViewer(ctx);
  const m = await ctx.db.material.findUnique({ where: { id: materialId }, select: { id: true, regionId: true, title: true } });
  if (!m) throw notFound("Материал не найден");
  if (!canPublishMaterial(viewer.act, m.regionId)) throw forbidden("Новую версию добавляет координатор, ведущий материал");
  return withSource(ctx, src, async (stored, url) => {
    const attempt = () =>
      ctx.db.$transaction(async (tx) => {
        const last = await tx.materialVersion.findFirst({ where: { materialId: m.id }, orderBy: { number: "desc" }, select: { number: true } });
        const number = (last?.number ?? 0) + 1;
        const file = await fileRow(tx, stored, viewer.id);
        const v = await tx.materialVersion.create({ data: { materialId: m.id, number, fileId: file?.id ?? null, url, note: src.note?.trim() || null, createdById: viewer.id } });
        await tx.material.update({ where: { id: m.id }, data: { fileId: file?.id ?? null, url } });
        await audit(tx, {
          actorId: viewer.id,
          action: "material.version.added",
          entityType: "Material",
          entityId: m.id,
          before: { version: last?.number ?? 0 },
          after: { version: number, file: stored?.name ?? null, url, note: src.note?.trim() || null },
        });
        return { id: v.id, number };
      }, TX);
    try {
      return await attempt();
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") return await attempt();
      throw e;
    }
  });
}
