// The figures of the reports, declared once: the SQL column each comes from, its GraphQL field, its
// Russian column header and number format in exports, and what it means. Schema, SQL ordering and
// exports are all generated from these lists, so a figure cannot mean one thing on screen and another
// in a spreadsheet.

export type FigureKind = "int" | "share" | "days" | "datetime";

export interface Figure {
  /** GraphQL field name. */
  field: string;
  /** Column alias in the report SQL (a constant, never user input). */
  column: string;
  /** Column header in CSV/XLSX exports. */
  header: string;
  kind: FigureKind;
  description: string;
}

const f = (field: string, column: string, header: string, kind: FigureKind, description: string): Figure => ({
  field,
  column,
  header,
  kind,
  description,
});

/** Participations of a group: counts by status, curators, verified profiles, activity. */
export const PARTICIPATION_FIGURES: readonly Figure[] = [
  f("participants", "participants", "Школ-участников", "int", "Участий школ в году проекта (с учётом фильтра по статусу участия)."),
  f("participating", "participating", "Участвуют", "int", "Участия со статусом «участвует»."),
  f("leftLowResults", "left_low_results", "Вышли из списка ШНОР", "int", "Участия со статусом «вышла из списка школ с низкими результатами»."),
  f("withdrawn", "withdrawn", "Исключены", "int", "Участия со статусом «исключена из проекта»."),
  f("withCurator", "with_curator", "С куратором", "int", "Участия, которым назначен хотя бы один куратор."),
  f("profilesVerified", "profiles_verified", "Профилей верифицировано", "int", "Участия с верифицированным рисковым профилем (подтверждён школой, куратором и муниципалитетом)."),
  f("inactive", "inactive", "Без активности", "int", "Школы без активности не меньше `inactiveDays` дней (по последнему изменению школы или о ней)."),
  f("lastActivityAt", "last_activity_at", "Последняя активность", "datetime", "Самая поздняя активность школ группы."),
];

/**
 * Concept documents. «Положено» — what participations owe: the concept, the medium-term programme and one
 * anti-risk programme per risk factor chosen in the profile; every owed document is in exactly one of
 * «не загружен», «черновик», «сдан» (на проверке, принят или возвращён).
 */
export const DOCUMENT_FIGURES: readonly Figure[] = [
  f("owed", "d_owed", "Документов положено", "int", "Документов положено: концепция, среднесрочная программа и программа антирисковых мер по каждому выбранному фактору риска."),
  f("missing", "d_missing", "Не загружено", "int", "Положенные документы, которые ещё не загружены."),
  f("draft", "d_draft", "Черновики", "int", "Загружены, но не отправлены на проверку."),
  f("submitted", "d_submitted", "Сдано", "int", "Отправлены на проверку хотя бы раз: на проверке, приняты или возвращены."),
  f("awaitingReview", "d_awaiting_review", "На проверке", "int", "Ждут решения куратора."),
  f("approved", "d_approved", "Принято", "int", "Приняты куратором."),
  f("returned", "d_returned", "На доработке", "int", "Возвращены на доработку и ещё не отправлены снова."),
  f("overdue", "d_overdue", "Просрочено", "int", "Срок прошёл (конец дня срока по времени региона), а документ не загружен, в черновике или на доработке."),
  f("approvedShare", "d_approved_share", "Доля принятых", "share", "Принято / положено (null, если ничего не положено)."),
  f("decisions", "d_decisions", "Решений", "int", "Решений куратора (принят или возвращён) за период; без периода — за всё время."),
  f("approvals", "d_approvals", "Решений «принят»", "int", "Решений «принят» за период."),
  f("returns", "d_returns", "Возвратов", "int", "Возвратов на доработку за период (каждый возврат считается)."),
  f("medianDaysToDecision", "d_median_days", "Медиана дней до решения", "days", "Медиана дней от отправки версии на проверку до решения по ней (решения за период)."),
];

/**
 * School roadmaps. «Наступил срок» — measures (not cancelled) whose due date is today or earlier in the
 * region's time zone; «выполнено в срок» — of those, DONE with the completion date (region time) not
 * after the due date; progress = done on time / due so far. The roadmap figures count participations by
 * the state of their roadmap's review against the year's `roadmapDue`, as the deadline scan reads it.
 */
export const MEASURE_FIGURES: readonly Figure[] = [
  f("schoolsWithRoadmap", "m_schools_with_roadmap", "Школ с мероприятиями", "int", "Участия, в дорожной карте которых есть хотя бы одно неотменённое мероприятие."),
  f("measures", "m_measures", "Мероприятий", "int", "Мероприятий, кроме отменённых."),
  f("planned", "m_planned", "Запланировано", "int", "Мероприятия в статусе «запланировано»."),
  f("inProgress", "m_in_progress", "Выполняется", "int", "Мероприятия в статусе «выполняется»."),
  f("done", "m_done", "Выполнено", "int", "Мероприятия в статусе «выполнено» (по отчёту школы)."),
  f("doneConfirmed", "m_done_confirmed", "Выполнено, подтверждено куратором", "int", "Из выполненных — подтверждённые куратором по подтверждениям."),
  f("doneAwaitingConfirmation", "m_done_awaiting", "Выполнено, ожидает подтверждения", "int", "Из выполненных — ещё не подтверждённые куратором (отмечены школой)."),
  f("cancelled", "m_cancelled", "Отменено", "int", "Отменённые мероприятия."),
  f("dueSoFar", "m_due_so_far", "Наступил срок", "int", "Неотменённые мероприятия со сроком сегодня или раньше (по времени региона)."),
  f("doneOnTime", "m_done_on_time", "Выполнено в срок", "int", "Из них выполнены не позже срока."),
  f("overdue", "m_overdue", "Просрочено", "int", "Срок прошёл (раньше сегодняшнего дня по времени региона), а мероприятие не выполнено и не отменено."),
  f("progress", "m_progress", "Прогресс дорожных карт", "share", "Выполнено в срок / наступил срок (null, если срок ещё ни у одного не наступил)."),
  f("withIndicator", "m_with_indicator", "С показателем", "int", "Неотменённые мероприятия с целевым значением показателя."),
  f("indicatorsReported", "m_indicators_reported", "Показатель внесён", "int", "Из них с внесённым фактическим значением."),
  f("indicatorsAttained", "m_indicators_attained", "Показатель достигнут", "int", "Мероприятия, чей показатель достигнут полностью (достижение 100 %)."),
  f(
    "indicatorAttainment",
    "m_indicator_attainment",
    "Достижение показателей",
    "share",
    "Среднее достижение показателей, как в дорожной карте: (факт − база) / (цель − база), от 0 до 1; без факта — 0; null, если показателей нет.",
  ),
  // The roadmap as a reviewed plan, counted like the concept documents (one roadmap owed per participation).
  f("roadmapsSubmitted", "m_roadmaps_submitted", "Дорожных карт сдано", "int", "Участия, чья дорожная карта отправлялась на проверку хотя бы раз."),
  f("roadmapsAwaitingReview", "m_roadmaps_awaiting_review", "Дорожных карт на проверке", "int", "Дорожные карты, ждущие решения куратора."),
  f("roadmapsApproved", "m_roadmaps_approved", "Дорожных карт принято", "int", "Дорожные карты, принятые куратором хотя бы раз (изменение плана после принятия срок не нарушает)."),
  f("roadmapsReturned", "m_roadmaps_returned", "Дорожных карт на доработке", "int", "Дорожные карты, возвращённые на доработку и ещё не отправленные снова."),
  f(
    "roadmapsOverdue",
    "m_roadmaps_overdue",
    "Дорожных карт просрочено",
    "int",
    "Срок дорожной карты года (roadmapDue, конец дня по времени региона) прошёл, а карта не на проверке и ни разу не принята.",
  ),
];

/** One risk factor in a group: how many profiles name it, at which significance, and how often it is chosen. */
export const RISK_FIGURES: readonly Figure[] = [
  f("profiles", "r_profiles", "Школ с рисковым профилем", "int", "Участия группы, у которых есть рисковый профиль (знаменатель долей)."),
  f("schools", "r_schools", "Фактор в профиле", "int", "Профили, в которых есть этот фактор."),
  f("high", "r_high", "Значимость высокая", "int", "Профили, где значимость фактора высокая."),
  f("medium", "r_medium", "Значимость средняя", "int", "Профили, где значимость фактора средняя."),
  f("low", "r_low", "Значимость низкая", "int", "Профили, где значимость фактора низкая."),
  f("chosen", "r_chosen", "Выбран для работы", "int", "Профили, где фактор выбран для работы (по нему пишется программа антирисковых мер)."),
  f("chosenShare", "r_chosen_share", "Доля выбравших", "share", "Выбран для работы / школ с рисковым профилем."),
  f("highShare", "r_high_share", "Доля высокой значимости", "share", "Значимость высокая / школ с рисковым профилем."),
];

/**
 * The consultation line of a group's territory (REGION and MUNICIPALITY groupings; other groupings have
 * none): questions of the year asked from the territory, in the viewer's reach, like consultationFigures.
 */
export const CONSULTATION_FIGURES: readonly Figure[] = [
  f("asked", "c_asked", "Вопросов задано", "int", "Вопросы года, заданные с территории группы (по субъекту или муниципалитету спросившего)."),
  f("answered", "c_answered", "Вопросов отвечено", "int", "Из них отвечены."),
  f("open", "c_open", "Вопросов без ответа", "int", "Из них ещё без ответа (новые, в работе, переданы)."),
  f("passedOn", "c_passed_on", "Передано на федеральный уровень", "int", "Из них переданы регионом на федеральный уровень."),
  f("medianDaysToAnswer", "c_median_days", "Медиана дней до ответа", "days", "Медиана дней от вопроса до его (последнего) ответа; null, если отвеченных нет."),
  f("unansweredOverdue", "c_unanswered_overdue", "Без ответа дольше срока", "int", "Без ответа дольше срока года (questionAnswerDays, дней от вопроса)."),
];

/**
 * A figure as the API and the exports both show it: shares to 4 decimals, days to 2, counts whole.
 * One rule, so an export always equals the screen.
 */
export function roundFigure(kind: FigureKind, v: unknown): number | null {
  if (v == null) return null;
  const n = Number(v);
  if (kind === "share") return Math.round(n * 10_000) / 10_000;
  if (kind === "days") return Math.round(n * 100) / 100;
  return n;
}

/** `approvedShare` → `APPROVED_SHARE`: the order-by enum value of a figure. */
export const orderValue = (field: string) => field.replace(/([A-Z])/g, "_$1").toUpperCase();
