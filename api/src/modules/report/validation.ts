// Shape rules of report arguments and of the scoring settings (zod). Rules that need the database —
// whether a programme year exists, which territory the viewer reaches — live in the service and SQL.
import { z } from "zod";

const year = z.number().int("Год — целое число").min(2020, "Год проекта не раньше 2020").max(2100, "Год проекта не позже 2100");
const idList = (what: string) => z.array(z.any()).max(500, `Не больше 500 ${what} в фильтре`).nullish();

/** The report filter as GraphQL hands it over (ids still global). */
export const reportFilterSchema = z
  .object({
    year: year.nullish(),
    years: z.array(year).min(1, "Список лет пуст").max(10, "Не больше 10 лет в одном отчёте").nullish(),
    regionCodes: z.array(z.number().int().min(1, "Код субъекта — от 1").max(99, "Код субъекта — до 99")).max(100).nullish(),
    regionIds: idList("субъектов"),
    municipalityIds: idList("муниципалитетов"),
    schoolIds: idList("школ"),
    curatorIds: idList("кураторов"),
    riskFactorNumbers: z.array(z.number().int().min(1, "Номер фактора от 1").max(30, "Номер фактора до 30")).max(30).nullish(),
    inactiveForDays: z.number().int().min(1, "Дней без активности — от 1").max(3650, "Дней без активности — не больше 3650").nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .passthrough()
  .refine((f) => f.year != null || (f.years?.length ?? 0) > 0, { message: "Укажите год проекта: year или years" })
  .refine((f) => !f.from || !f.to || f.from.getTime() <= f.to.getTime(), { message: "Начало периода (from) позже его конца (to)" });

export const inactiveDaysSchema = z.number().int().min(1, "inactiveDays — от 1").max(3650, "inactiveDays — не больше 3650");

/** Largest page of any report row list. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

export const pageSizeSchema = z.number().int().min(0, "Размер страницы не может быть отрицательным").max(MAX_PAGE, `Не больше ${MAX_PAGE} строк на страницу: листайте дальше по after`);

// ---- scoring settings ----

/** The figures a scoring criterion can read; each is a share 0..1 of the region's participations. */
export const SCORING_METRICS = {
  SHARE_DOCUMENTS_APPROVED: "Доля принятых концептуальных документов от положенных",
  SHARE_DOCUMENTS_SUBMITTED: "Доля сданных на проверку концептуальных документов от положенных",
  SHARE_DOCUMENTS_NOT_OVERDUE: "Доля положенных документов без просрочки",
  SHARE_ROADMAPS_WITH_MEASURES: "Доля школ-участников с мероприятиями в дорожной карте",
  SHARE_MEASURES_NOT_OVERDUE: "Доля мероприятий (кроме отменённых) без просрочки",
  SHARE_MEASURES_DONE_ON_TIME: "Прогресс дорожных карт: выполнено в срок / наступил срок",
  SHARE_INDICATORS_ATTAINED: "Доля мероприятий с достигнутым показателем",
  SHARE_PROFILES_VERIFIED: "Доля школ с верифицированным рисковым профилем",
  SHARE_PARTICIPATIONS_WITH_CURATOR: "Доля школ с назначенным куратором",
  SHARE_WEBINAR_ATTENDANCE: "Доля посещённых вебинаров из приглашений людей региона",
} as const;
export type ScoringMetric = keyof typeof SCORING_METRICS;
const metricNames = Object.keys(SCORING_METRICS) as [ScoringMetric, ...ScoringMetric[]];

export const scoringCriterionSchema = z.object({
  year,
  code: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,39}$/, "Код критерия — латинские заглавные буквы, цифры и _, от 2 до 40 знаков"),
  title: z.string().trim().min(3, "Название критерия — от 3 символов").max(300, "Название критерия — не длиннее 300 символов"),
  metric: z.enum(metricNames, { message: "Неизвестный показатель критерия" }),
  threshold: z.number().min(0, "Порог — от 0").max(1, "Порог — доля от 0 до 1"),
  points: z.number().int().min(0, "Баллы — от 0").max(100, "Баллы — не больше 100"),
});

export const scoringZonesSchema = z
  .array(z.object({ color: z.enum(["GREEN", "YELLOW", "RED"]), minPoints: z.number().int().min(0, "Порог зоны — от 0 баллов").max(1000) }))
  .min(1, "Нужна хотя бы одна зона")
  .max(3)
  .refine((zs) => new Set(zs.map((z) => z.color)).size === zs.length, { message: "Каждый цвет зоны — не больше одного раза" })
  .refine((zs) => zs.some((z) => z.minPoints === 0), { message: "Одна из зон должна начинаться с 0 баллов, чтобы зона была у любого региона" })
  .refine(
    (zs) => {
      const at = (c: string) => zs.find((z) => z.color === c)?.minPoints;
      const [g, y, r] = [at("GREEN"), at("YELLOW"), at("RED")];
      return (g == null || y == null || g > y) && (y == null || r == null || y > r) && (g == null || r == null || g > r);
    },
    { message: "Пороги зон должны убывать: зелёная выше жёлтой, жёлтая выше красной" },
  );
