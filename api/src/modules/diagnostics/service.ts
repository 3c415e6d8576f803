// Risk profiles: loading (until questionnaires compute them), the three confirmations, the choice of
// risks to work on, corrections of significance. Each call: assert → validate → write with audit in one
// transaction → publish after commit.
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canEditRiskProfile, canLoadRiskProfile, loadParticipationPlace, profilePartiesOf, type ParticipationPlace, type ProfileParty } from "../../auth/access.ts";
import type { Significance } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { writeNotifications } from "../notification/service.ts";
import { audienceOf } from "../notification/audience.ts";

export const PARTY_TITLES: Record<ProfileParty, string> = {
  SCHOOL: "школа",
  CURATOR: "куратор",
  MUNICIPALITY: "муниципальный координатор",
};

const ALL_PARTIES: ProfileParty[] = ["SCHOOL", "CURATOR", "MUNICIPALITY"];

export class ProfileVerifiedError extends DomainError {
  constructor() {
    super("Профиль уже верифицирован: изменения вносятся с указанием причины", "PROFILE_VERIFIED");
  }
}
export class ReasonRequiredError extends DomainError {
  constructor() {
    super("Профиль верифицирован: укажите причину изменения", "REASON_REQUIRED");
  }
}
export class NoRiskChosenError extends DomainError {
  constructor() {
    super("Выберите хотя бы один фактор риска для работы", "NO_RISK_CHOSEN");
  }
}
export class ProfileMissingError extends DomainError {
  constructor() {
    super("Рисковый профиль школы ещё не загружен", "PROFILE_MISSING");
  }
}
export class UnknownRiskFactorError extends DomainError {
  constructor(detail: string) {
    super(detail, "UNKNOWN_RISK_FACTOR");
  }
}

async function placeOf(ctx: Context, participationId: string): Promise<ParticipationPlace> {
  const place = await loadParticipationPlace(ctx.db, participationId);
  if (!place) throw notFound("Участие школы не найдено");
  return place;
}

const profileInclude = { entries: { include: { riskFactor: { select: { number: true, title: true } } } }, confirmations: true } as const;

async function profileOf(tx: Prisma.TransactionClient, participationId: string) {
  return tx.riskProfile.findUnique({ where: { participationId }, include: profileInclude });
}

/** A plain snapshot for the audit log: factor number → significance and choice. */
const snapshot = (entries: { riskFactor: { number: number }; significance: Significance; chosen: boolean }[]) =>
  Object.fromEntries([...entries].sort((a, b) => a.riskFactor.number - b.riskFactor.number).map((e) => [e.riskFactor.number, { significance: e.significance, chosen: e.chosen }]));

export interface ProfileEntryInput {
  riskFactorId: string;
  significance: Significance;
  explanation?: string | null;
}

/**
 * Loads (or reloads, before verification) a participation's profile as data: every risk factor of the
 * participation's programme year exactly once, with its significance and how it was reached.
 * Federal coordinator or the region's coordinator; reloading keeps the chosen risks, clears confirmations.
 */
export async function loadRiskProfile(ctx: Context, participationId: string, entries: ProfileEntryInput[]) {
  const viewer = requireViewer(ctx);
  const place = await placeOf(ctx, participationId);
  if (!canLoadRiskProfile(viewer.act, place)) throw forbidden("Загружать рисковые профили может региональный или федеральный координатор");
  const participation = await ctx.db.participation.findUniqueOrThrow({ where: { id: participationId }, select: { programmeYearId: true } });
  const factors = await ctx.db.riskFactor.findMany({ where: { programmeYearId: participation.programmeYearId }, select: { id: true, number: true } });
  const known = new Set(factors.map((f) => f.id));
  const given = new Set(entries.map((e) => e.riskFactorId));
  if (given.size !== entries.length) throw new UnknownRiskFactorError("Фактор риска указан в профиле дважды");
  const foreign = entries.filter((e) => !known.has(e.riskFactorId));
  if (foreign.length) throw new UnknownRiskFactorError("Фактор риска не относится к году проекта этой школы");
  const missing = factors
    .filter((f) => !given.has(f.id))
    .map((f) => f.number)
    .sort((a, b) => a - b);
  if (missing.length) throw new UnknownRiskFactorError(`В профиле нет факторов риска № ${missing.join(", ")} года проекта`);

  return ctx.db.$transaction(async (tx) => {
    const before = await profileOf(tx, participationId);
    if (before?.verifiedAt) throw new ProfileVerifiedError();
    const chosen = new Set(before?.entries.filter((e) => e.chosen).map((e) => e.riskFactorId));
    const profile = await tx.riskProfile.upsert({ where: { participationId }, create: { participationId }, update: {} });
    await tx.riskProfileEntry.deleteMany({ where: { profileId: profile.id } });
    await tx.riskProfileEntry.createMany({
      data: entries.map((e) => ({
        profileId: profile.id,
        riskFactorId: e.riskFactorId,
        significance: e.significance,
        explanation: e.explanation?.trim() || null,
        chosen: chosen.has(e.riskFactorId),
      })),
    });
    // The parties confirmed other data: they confirm the new one again.
    await tx.riskProfileConfirmation.deleteMany({ where: { profileId: profile.id } });
    const after = await profileOf(tx, participationId);
    await audit(tx, {
      actorId: viewer.id,
      action: before ? "riskProfile.reload" : "riskProfile.load",
      entityType: "RiskProfile",
      entityId: profile.id,
      schoolId: place.schoolId,
      before: before ? snapshot(before.entries) : undefined,
      after: snapshot(after!.entries),
    });
    return after!;
  });
}

/** The parties the viewer may confirm `participationId`'s profile as (empty when none). */
export async function viewerParties(ctx: Context, participationId: string): Promise<ProfileParty[]> {
  if (!ctx.viewer) return [];
  const place = await loadParticipationPlace(ctx.db, participationId);
  return place ? profilePartiesOf(ctx.viewer.act, place) : [];
}

/**
 * Confirms the profile as one party (the viewer's only party, or `as` when it holds several). When the
 * school, the curator and the municipal coordinator have all confirmed, the profile is «верифицирован».
 * A confirmation needs at least one chosen risk. The other parties are notified (PROFILE_CONFIRMED).
 */
export async function confirmRiskProfile(ctx: Context, participationId: string, as?: ProfileParty | null) {
  const viewer = requireViewer(ctx);
  const place = await placeOf(ctx, participationId);
  const parties = profilePartiesOf(viewer.act, place);
  if (!parties.length) throw forbidden("Подтверждают профиль школа, её куратор и муниципальный координатор");
  if (as && !parties.includes(as)) throw forbidden(`Вы не можете подтвердить профиль как ${PARTY_TITLES[as]}`);
  if (!as && parties.length > 1) throw new DomainError("Укажите, от чьего имени вы подтверждаете профиль (аргумент as)", "PARTY_AMBIGUOUS");
  const party = as ?? parties[0]!;

  const { profile, publish } = await ctx.db.$transaction(async (tx) => {
    const profile = await profileOf(tx, participationId);
    if (!profile) throw new ProfileMissingError();
    if (!profile.entries.some((e) => e.chosen)) throw new NoRiskChosenError();
    if (profile.confirmations.some((c) => c.party === party)) return { profile, publish: null };
    await tx.riskProfileConfirmation.create({ data: { profileId: profile.id, party, userId: viewer.id } });
    const confirmed = new Set([...profile.confirmations.map((c) => c.party), party]);
    const verified = ALL_PARTIES.every((p) => confirmed.has(p));
    if (verified) await tx.riskProfile.update({ where: { id: profile.id }, data: { verifiedAt: new Date() } });
    await audit(tx, {
      actorId: viewer.id,
      action: verified ? "riskProfile.verify" : "riskProfile.confirm",
      entityType: "RiskProfile",
      entityId: profile.id,
      schoolId: place.schoolId,
      after: { party, confirmed: [...confirmed], verified },
    });
    const recipients = await audienceOf(tx, place, ["school", "curators", "municipal"], viewer.id);
    const title = verified
      ? "Рисковый профиль школы верифицирован: его подтвердили школа, куратор и муниципальный координатор"
      : `Рисковый профиль школы подтвердил(а) ${PARTY_TITLES[party]}; ожидаются подтверждения: ${ALL_PARTIES.filter((p) => !confirmed.has(p))
          .map((p) => PARTY_TITLES[p])
          .join(", ")}`;
    const publish = await writeNotifications(
      tx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: "PROFILE_CONFIRMED" as const,
        title,
        payload: { participationId: encodeGlobalID("Participation", participationId), party, verified },
      })),
    );
    return { profile: (await profileOf(tx, participationId))!, publish };
  });
  publish?.(ctx.pubsub);
  return profile;
}

function assertReason(verified: boolean, reason: string | null | undefined) {
  if (verified && !reason?.trim()) throw new ReasonRequiredError();
}

/**
 * Sets which risks the participation works on (at least one; each chosen risk needs its own
 * Программа антирисковых мер). Any of the three parties, or a coordinator who may load profiles.
 * After verification a reason is required and kept in the history.
 */
export async function setRiskChoice(ctx: Context, participationId: string, riskFactorIds: string[], reason?: string | null) {
  const viewer = requireViewer(ctx);
  const place = await placeOf(ctx, participationId);
  if (!canEditRiskProfile(viewer.act, place)) throw forbidden("Выбирают риски школа, её куратор и муниципальный координатор");
  if (!riskFactorIds.length) throw new NoRiskChosenError();
  return ctx.db.$transaction(async (tx) => {
    const profile = await profileOf(tx, participationId);
    if (!profile) throw new ProfileMissingError();
    assertReason(!!profile.verifiedAt, reason);
    const inProfile = new Set(profile.entries.map((e) => e.riskFactorId));
    if (riskFactorIds.some((id) => !inProfile.has(id))) throw new UnknownRiskFactorError("Фактор риска не входит в профиль школы");
    const chosen = new Set(riskFactorIds);
    await tx.riskProfileEntry.updateMany({ where: { profileId: profile.id, riskFactorId: { in: [...chosen] } }, data: { chosen: true } });
    await tx.riskProfileEntry.updateMany({ where: { profileId: profile.id, riskFactorId: { notIn: [...chosen] } }, data: { chosen: false } });
    await tx.riskProfile.update({ where: { id: profile.id }, data: { updatedAt: new Date() } });
    const after = (await profileOf(tx, participationId))!;
    await audit(tx, {
      actorId: viewer.id,
      action: "riskProfile.choose",
      entityType: "RiskProfile",
      entityId: profile.id,
      schoolId: place.schoolId,
      before: chosenNumbers(profile.entries),
      after: chosenNumbers(after.entries),
      reason: reason?.trim() || null,
    });
    return after;
  });
}

const chosenNumbers = (entries: { chosen: boolean; riskFactor: { number: number } }[]) => ({
  chosen: entries
    .filter((e) => e.chosen)
    .map((e) => e.riskFactor.number)
    .sort((a, b) => a - b),
});

/**
 * Corrects one factor's significance (and how it was reached). Any of the three parties or a loading
 * coordinator; after verification the reason is required, and who/why is kept in the history.
 */
export async function updateRiskSignificance(ctx: Context, input: { participationId: string; riskFactorId: string; significance: Significance; explanation?: string | null; reason?: string | null }) {
  const viewer = requireViewer(ctx);
  const place = await placeOf(ctx, input.participationId);
  if (!canEditRiskProfile(viewer.act, place)) throw forbidden("Изменять профиль могут школа, её куратор, муниципальный и региональный координаторы");
  return ctx.db.$transaction(async (tx) => {
    const profile = await profileOf(tx, input.participationId);
    if (!profile) throw new ProfileMissingError();
    assertReason(!!profile.verifiedAt, input.reason);
    const entry = profile.entries.find((e) => e.riskFactorId === input.riskFactorId);
    if (!entry) throw new UnknownRiskFactorError("Фактор риска не входит в профиль школы");
    const explanation = input.explanation === undefined ? entry.explanation : input.explanation?.trim() || null;
    await tx.riskProfileEntry.update({ where: { id: entry.id }, data: { significance: input.significance, explanation, corrected: true } });
    await tx.riskProfile.update({ where: { id: profile.id }, data: { updatedAt: new Date() } });
    await audit(tx, {
      actorId: viewer.id,
      action: "riskProfile.significance",
      entityType: "RiskProfile",
      entityId: profile.id,
      schoolId: place.schoolId,
      before: { factor: entry.riskFactor.number, significance: entry.significance, explanation: entry.explanation },
      after: { factor: entry.riskFactor.number, significance: input.significance, explanation },
      reason: input.reason?.trim() || null,
    });
    return (await profileOf(tx, input.participationId))!;
  });
}
