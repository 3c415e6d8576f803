// Programmes: the federal «500+» (kept as it is) and the regions' twins («62+»), each with its own
// years. A region's coordinator opens its region's programme and edits its name; the federal
// coordinator may do so for any region. Every change is audited.
import type { Context } from "../../context.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { canManageProgramme, canSeeProgramme } from "../../auth/access.ts";
import { audit } from "../audit/service.ts";
import { requireViewer } from "../../auth/require-viewer.ts";

export class ProgrammeNameTakenError extends DomainError {
  constructor(shortName: string) {
    super(`Проект с кратким названием «${shortName}» уже есть: выберите другое`, "PROGRAMME_NAME_TAKEN");
  }
}

export interface ProgrammeFields {
  name?: string;
  shortName?: string;
  description?: string | null;
}

const taken = (shortName: string) => (e: unknown) => {
  if ((e as { code?: string }).code === "P2002") throw new ProgrammeNameTakenError(shortName);
  throw e;
};

/**
 * Opens a region's programme. `regionId` may be left out by a coordinator of a single region; the
 * federal programme is not created here (there is exactly one, made by the migration).
 */
export async function createProgramme(ctx: Context, input: { name: string; shortName: string; description: string | null; regionId: string | null }) {
  const viewer = requireViewer(ctx);
  const regionId = input.regionId ?? (!viewer.act.all && viewer.act.regionIds.size === 1 ? [...viewer.act.regionIds][0]! : null);
  if (!regionId) throw new DomainError("Укажите субъект, который ведёт проект", "REGION_REQUIRED");
  if (!canManageProgramme(viewer.act, regionId)) throw forbidden("Региональный проект открывает координатор его субъекта (или федеральный)");
  if (!(await ctx.db.region.findUnique({ where: { id: regionId }, select: { id: true } }))) throw notFound("Субъект не найден");
  return ctx.db.$transaction(async (tx) => {
    const p = await tx.programme.create({ data: { name: input.name, shortName: input.shortName, description: input.description, regionId } }).catch(taken(input.shortName));
    await audit(tx, { actorId: viewer.id, action: "programme.create", entityType: "Programme", entityId: p.id, after: { name: p.name, shortName: p.shortName, regionId } });
    return p;
  });
}

/** Renames a programme or changes its description (its region and years stay). */
export async function updateProgramme(ctx: Context, id: string, fields: ProgrammeFields) {
  const viewer = requireViewer(ctx);
  const before = await ctx.db.programme.findUnique({ where: { id } });
  if (!before || !canSeeProgramme(viewer.read, before.regionId)) throw notFound("Проект не найден");
  if (!canManageProgramme(viewer.act, before.regionId)) throw forbidden(before.regionId ? "Региональный проект ведёт координатор его субъекта" : "Проект «500+» ведёт федеральный координатор");
  const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== undefined && v !== before[k as keyof typeof before]));
  if (!Object.keys(changed).length) return before;
  return ctx.db.$transaction(async (tx) => {
    const after = await tx.programme.update({ where: { id }, data: changed }).catch(taken(fields.shortName ?? before.shortName));
    await audit(tx, {
      actorId: viewer.id,
      action: "programme.update",
      entityType: "Programme",
      entityId: id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof before]])),
      after: changed,
    });
    return after;
  });
}
