// What every report shares: the filter, the grouping, paging of row lists, and the group objects of a
// row (real Region / Municipality / School / User objects, loaded with one query per page).
import { offsetForArgs, offsetToCursor } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import type { Context } from "../../../context.ts";
import { badInput } from "../../../errors.ts";
import { userWhere } from "../../../auth/access.ts";
import { load } from "../../../shared/loader.ts";
import { ParticipationStatusEnum } from "../../programme/schema.ts";
import { SignificanceEnum } from "../../diagnostics/schema.ts";
import { DocumentKindEnum } from "../../document/schema/document.ts";
import { MeasureStatusEnum } from "../../roadmap/schema/measure.ts";
import { roundFigure, type Figure } from "../figures.ts";
import { COMMON_ORDERS, type OrderOption } from "../orders.ts";
import type { GroupRow, Page, Paged } from "../sql.ts";
import { DEFAULT_PAGE, MAX_PAGE, pageSizeSchema } from "../validation.ts";
import { requireViewer } from "../../../auth/require-viewer.ts";
import { MunicipalityNode, RegionNode } from "../../territory/schema.ts";
import { UserNode } from "../../user/schema.ts";
import { SchoolNode } from "../../school/schema.ts";
import { yearsWhere } from "../../programme/years.ts";

export const ReportGroupByEnum = builder.enumType("ReportGroupBy", {
  description: "Уровень группировки строк отчёта (спуск: федерация → субъект → муниципалитет → школа).",
  values: {
    ALL: { description: "Одна строка «Итого» по всей выборке." },
    REGION: { description: "По субъектам РФ." },
    MUNICIPALITY: { description: "По муниципалитетам." },
    SCHOOL: { description: "По школам." },
    CURATOR: { description: "По кураторам (школа с двумя кураторами входит в строку каждого; без куратора — отдельная строка)." },
  } as const,
});

export const SortDirectionEnum = builder.enumType("ReportSortDirection", {
  description: "Направление сортировки строк отчёта.",
  values: { ASC: { description: "По возрастанию." }, DESC: { description: "По убыванию." } } as const,
});

export const DocumentItemStateEnum = builder.enumType("DocumentItemState", {
  description: "Состояние положенного документа в отчётах: статус документа или «не загружен».",
  values: {
    MISSING: { description: "Не загружен." },
    DRAFT: { description: "Черновик." },
    SUBMITTED: { description: "На проверке." },
    APPROVED: { description: "Принят." },
    RETURNED: { description: "На доработке." },
  } as const,
});

export const ReportFilterInput = builder.inputType("ReportFilter", {
  description: "Фильтр отчёта. Всё считается только в пределах доступа пользователя: территория вне доступа даёт пустой отчёт, а не чужие цифры. " + "Пустой или не заданный список — без ограничения.",
  fields: (t) => ({
    year: t.int({ required: false, description: "Год проекта (или years для сравнения лет)." }),
    years: t.intList({ required: false, description: "Несколько лет проекта: строки по каждому году (сравнение год к году)." }),
    regionCodes: t.intList({ required: false, description: "Только субъекты РФ с этими кодами (75 — Забайкальский край)." }),
    regionIds: t.globalIDList({ for: RegionNode, required: false, description: "Только эти субъекты РФ." }),
    municipalityIds: t.globalIDList({ for: MunicipalityNode, required: false, description: "Только эти муниципалитеты." }),
    schoolIds: t.globalIDList({ for: SchoolNode, required: false, description: "Только эти школы." }),
    curatorIds: t.globalIDList({ for: UserNode, required: false, description: "Только школы этих кураторов." }),
    participationStatuses: t.field({ type: [ParticipationStatusEnum], required: false, description: "Статусы участия (например, LEFT_LOW_RESULTS — вышедшие из списка ШНОР)." }),
    riskFactorNumbers: t.intList({
      required: false,
      description:
        "Номера факторов риска в перечне года. Отчёты по школам — только школы, выбравшие для работы хотя бы один из них; " +
        "мероприятия — только связанные с ними; отчёт по рискам — только эти факторы.",
    }),
    inactiveForDays: t.int({ required: false, description: "Только школы без активности не меньше стольких дней." }),
    from: t.field({
      type: "Date",
      required: false,
      description:
        "Начало периода (включительно, по времени региона). Документы: решения за период (число решений, медиана; в списке — документы с решением в периоде). " +
        "Мероприятия: срок в периоде. Статусы документов — на текущий момент.",
    }),
    to: t.field({ type: "Date", required: false, description: "Конец периода (включительно)." }),
    documentKinds: t.field({ type: [DocumentKindEnum], required: false, description: "Виды документов (по умолчанию все концептуальные)." }),
    documentStates: t.field({ type: [DocumentItemStateEnum], required: false, description: "Состояния документов (в отчёте по документам и списке документов)." }),
    measureStatuses: t.field({ type: [MeasureStatusEnum], required: false, description: "Статусы мероприятий (в отчётах по мероприятиям)." }),
    significances: t.field({ type: [SignificanceEnum], required: false, description: "Значимость фактора (в отчёте по рискам)." }),
    overdueOnly: t.boolean({ required: false, description: "Только просроченные документы и мероприятия." }),
  }),
});

// ---------------------------------------------------------------- paging

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** Offset paging of a row list: at most 500 rows a page (a larger request is refused, not cut). */
export function pageOf(args: PageArgs): Page & { expected: number } {
  for (const n of [args.first, args.last]) {
    if (n == null) continue;
    const r = pageSizeSchema.safeParse(n);
    if (!r.success) throw badInput(r.error.issues[0]!.message, { limit: "pageSize", max: MAX_PAGE });
  }
  if (args.last != null && !args.before) throw badInput("last используйте вместе с before (или листайте вперёд по first/after)");
  let o: ReturnType<typeof offsetForArgs>;
  try {
    o = offsetForArgs({ args, defaultSize: DEFAULT_PAGE, maxSize: MAX_PAGE });
  } catch {
    throw badInput("Неверный курсор страницы");
  }
  return { offset: o.offset, limit: o.expectedSize, expected: o.expectedSize };
}

/** The Relay connection of one page of rows, with the total row count. */
export function connectionOf<T>(page: Page, paged: Paged<T>) {
  const edges = paged.rows.map((node, i) => ({ cursor: offsetToCursor(page.offset + i), node }));
  return {
    edges,
    totalCount: paged.total,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: page.offset > 0,
      hasNextPage: page.offset + edges.length < paged.total,
    },
  };
}

export const connectionFields = (name: string) => ({
  name: `${name}Connection`,
  description: `Страница строк отчёта с общим числом строк (totalCount).`,
  fields: (t: any) => ({
    totalCount: t.int({ description: "Всего строк отчёта (на всех страницах).", resolve: (c: { totalCount: number }) => c.totalCount }),
  }),
});

// ---------------------------------------------------------------- group objects

type PrismaQuery = { select?: Record<string, unknown>; include?: Record<string, unknown> };

/** The Prisma plugin's query with `key` selected, so loaded rows can be matched back to their ids. */
const withKey = (q: PrismaQuery, key: string) => (q.select ? { ...q, select: { ...q.select, [key]: true } } : q);

/**
 * Loads rows of one model by key for every row of a page in one query (per distinct selection).
 * `find` receives the Prisma query with the key selected and the keys of the page; a null key is null.
 */
export function loadBy<K extends string | number, R extends Record<string, unknown>>(
  ctx: Context,
  name: string,
  key: string,
  query: PrismaQuery,
  find: (q: PrismaQuery, keys: K[]) => Promise<R[]>,
  value: K | null,
): Promise<R | null> {
  const q = withKey(query, key);
  // Reading the selection (also when the key is null) is what the Prisma plugin counts as using it.
  const batch = `report.${name}:${JSON.stringify(q)}`;
  if (value == null) return Promise.resolve(null);
  return load(ctx, batch, async (keys: K[]) => new Map((await find(q, keys)).map((r) => [r[key] as K, r])), value).then((r) => r ?? null);
}

/** The fields every report row shares: its year and its group, with the territory above the group. */
export const ReportRowInterface = builder.interfaceRef<GroupRow>("ReportRow").implement({
  description: "Строка отчёта: год и группа (субъект, муниципалитет, школа или куратор) как настоящие объекты API.",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Год проекта." }),
    programmeYear: t.prismaField({
      type: "ProgrammeYear",
      description: "Год проекта (объект).",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "programmeYear", "year", q, (qq, years: number[]) => ctx.db.programmeYear.findMany({ ...qq, where: yearsWhere(years) }), r.year) as never,
    }),
    groupName: t.exposeString("group_name", { description: "Название группы: субъект, муниципалитет, краткое название школы, ФИО куратора, «Итого» или «Без куратора»." }),
    region: t.prismaField({
      type: "Region",
      nullable: true,
      description: "Субъект РФ группы (у муниципалитета и школы — тот, где они находятся).",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "region", "id", q, (qq, ids: string[]) => ctx.db.region.findMany({ ...qq, where: { id: { in: ids } } }), r.region_id) as never,
    }),
    municipality: t.prismaField({
      type: "Municipality",
      nullable: true,
      description: "Муниципалитет группы (у школы — тот, где она находится).",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "municipality", "id", q, (qq, ids: string[]) => ctx.db.municipality.findMany({ ...qq, where: { id: { in: ids } } }), r.municipality_id) as never,
    }),
    school: t.prismaField({
      type: "School",
      nullable: true,
      description: "Школа группы (при группировке по школам).",
      resolve: (q, r, _a, ctx) => loadBy(ctx, "school", "id", q, (qq, ids: string[]) => ctx.db.school.findMany({ ...qq, where: { id: { in: ids } } }), r.school_id) as never,
    }),
    curator: t.prismaField({
      type: "User",
      nullable: true,
      description: "Куратор группы (при группировке по кураторам; null в строке «Без куратора»).",
      // The visibility rule of users (userWhere) is applied in the one query of the page instead of one
      // check per row: a curator shows up here only when assigned to a participation the viewer sees.
      skipTypeScopes: true,
      resolve: (q, r, _a, ctx) => {
        const v = requireViewer(ctx);
        return loadBy(ctx, "curator", "id", q, (qq, ids: string[]) => ctx.db.user.findMany({ ...qq, where: { AND: [{ id: { in: ids } }, userWhere(v.read, v.id)] } }), r.curator_id) as never;
      },
    }),
  }),
});

/** GraphQL fields of a list of figures, read from the row's SQL columns. */
type Types = typeof builder.$inferSchemaTypes;

export function figureFields<T extends object>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, T>, figures: readonly Figure[]) {
  const out: Record<string, unknown> = {};
  for (const x of figures) {
    const read = (r: T) => (r as Record<string, unknown>)[x.column] as never;
    out[x.field] =
      x.kind === "int"
        ? t.int({ description: x.description, resolve: (r) => Number(read(r) ?? 0) })
        : x.kind === "datetime"
          ? t.field({ type: "DateTime", nullable: true, description: x.description, resolve: read })
          : t.float({
              nullable: true,
              description: x.kind === "share" ? `${x.description} Доля от 0 до 1.` : x.description,
              resolve: (r) => roundFigure(x.kind, read(r)),
            });
  }
  return out as Record<string, never>;
}

/** Order-by enum of a report: GROUP (natural order), YEAR, then its own options; values are SQL columns. */
export function orderEnum(name: string, description: string, options: OrderOption[]) {
  const values: Record<string, { description: string; value: string }> = {};
  for (const x of [...COMMON_ORDERS, ...options]) values[x.value] = { description: x.description, value: x.column };
  return builder.enumType(name, { description, values });
}

/** `{ field, direction }` input of a report's ordering. */
export function orderInput(name: string, fieldEnum: ReturnType<typeof orderEnum>) {
  return builder.inputType(name, {
    description: "Сортировка строк: выбранное поле, затем естественный порядок групп (страницы не пересекаются).",
    fields: (t) => ({
      field: t.field({ type: fieldEnum, description: "Поле сортировки." }),
      direction: t.field({ type: SortDirectionEnum, required: false, defaultValue: "ASC", description: "Направление (по умолчанию по возрастанию)." }),
    }),
  });
}

export const orderOf = (o: { field: string; direction?: string | null } | null | undefined) => ({
  column: o?.field ?? "group",
  desc: o?.direction === "DESC",
});
