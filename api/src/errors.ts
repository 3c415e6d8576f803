// Errors clients can act on. Not-found and forbidden are top-level GraphQL errors with a code;
// failures a user can fix are typed results (Pothos errors plugin) implementing `Error`.
import { GraphQLError } from "graphql";
import { builder } from "./builder.ts";

export const forbidden = (message = "Нет доступа") => new GraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: 200 } } });
export const unauthenticated = (message = "Требуется вход в систему") => new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED" } });
export const notFound = (message = "Не найдено") => new GraphQLError(message, { extensions: { code: "NOT_FOUND" } });
export const badInput = (message: string, extra: Record<string, unknown> = {}) => new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...extra } });

/**
 * Every code a {@link DomainError} can carry, with what it means for the user. The one registry: the
 * GraphQL enum `ErrorCode` is printed from it, and `DomainError.code` is typed by it, so a code that is
 * not here does not compile. Codes are stable (the web and scripts compare them): add, never rename.
 */
export const ERROR_CODES = {
  ALREADY_ANSWERED: "На вопрос уже ответили.",
  ALREADY_DECIDED: "Решение уже принято (документ, дорожная карта или мероприятие уже рассмотрены).",
  ALREADY_FEDERAL: "Вопрос уже передан на федеральный уровень.",
  ALREADY_IN_PROGRESS: "Вопрос уже взят в работу.",
  ALREADY_SUBMITTED: "Уже отправлено на проверку.",
  AUDIENCE_EMPTY: "В выбранной аудитории мероприятия нет ни одного пользователя.",
  AUDIENCE_OUTSIDE_REGION: "Региональное мероприятие приглашает только участников своего региона.",
  AUDIENCE_TOO_LARGE: "Аудитория мероприятия больше допустимой: сузьте её.",
  BAD_START: "Не указано или неверно указано начало мероприятия.",
  COMMENT_REQUIRED: "Нужен комментарий: что доработать.",
  DEADLINE_REQUIRED: "Не указан срок концептуальных документов года проекта.",
  DECREE_REQUIRED: "Не указаны номер и дата приказа.",
  DOCUMENT_APPROVED: "Документ уже принят: новые версии не загружаются.",
  DOCUMENT_CHANGED: "Документ только что изменился: обновите страницу и повторите.",
  DOCUMENT_UNDER_REVIEW: "Документ на проверке: новую версию можно загрузить после решения.",
  EMAIL_TAKEN: "Пользователь с таким e-mail уже есть.",
  EVIDENCE_REQUIRED: "Чтобы отметить мероприятие выполненным, приложите подтверждение.",
  FILE_EMPTY: "Файл пустой.",
  FILE_EXTENSION_MISMATCH: "Расширение файла не соответствует его содержимому.",
  FILE_OR_URL: "Нужно приложить файл или указать ссылку — что-то одно.",
  FILE_TOO_LARGE: "Файл больше допустимого размера.",
  FILE_TYPE_NOT_ALLOWED: "Недопустимый формат файла.",
  IMPORT_ALREADY_APPLIED: "Загрузка реестра уже применена.",
  IMPORT_NOTHING_TO_APPLY: "В загрузке реестра нет новых или изменённых строк.",
  IMPORT_PREVIEW_STALE: "Данные изменились после предпросмотра загрузки: загрузите файл ещё раз.",
  INVALID_CREDENTIALS: "Неверный e-mail или пароль (или учётная запись отключена).",
  INVALID_QUESTION_CODE: "Код вопроса анкеты указан неверно.",
  INVALID_STATUS_TRANSITION: "Такой переход статуса участия недопустим.",
  INVITATION_INVALID: "Ссылка-приглашение недействительна или устарела.",
  MEASURE_CANCELLED: "Мероприятие отменено: его нельзя изменить.",
  MEASURE_CHANGED: "Мероприятие только что изменил другой пользователь: обновите страницу и повторите.",
  MEASURE_CONFIRMED: "Выполнение мероприятия уже подтверждено.",
  MEASURE_INVALID: "Мероприятие заполнено неверно (ошибки по полям — в MeasureInvalidError.problems).",
  MEASURE_NOT_DONE: "Мероприятие не отмечено выполненным.",
  MEASURE_NOT_OF_SCHOOL: "Мероприятие не из дорожной карты этой школы.",
  NOTHING_CHANGED: "План не изменился с прошлой отправки.",
  NOTHING_MATCHED: "Ни одна строка файла не совпала с приглашёнными.",
  NOTHING_TO_SUBMIT: "Отправлять нечего: сначала загрузите (исправленную) версию.",
  NOT_ANSWERED: "На вопрос ещё не ответили.",
  NOT_INVITED: "Пользователь не приглашён на мероприятие.",
  NOT_PUBLISHED: "Практика не опубликована.",
  NOT_RETURNED: "Практика не возвращена на доработку.",
  NOT_SUBMITTED: "Не отправлено на проверку (или уже рассмотрено).",
  NO_EMAIL_COLUMN: "В файле нет столбца с адресами электронной почты.",
  NO_REGION: "У вопроса нет региона.",
  NO_RISK_CHOSEN: "Не выбран ни один фактор риска для работы.",
  PARTICIPATION_CLOSED: "Школа больше не участвует в проекте в этом году.",
  PARTY_AMBIGUOUS: "Неясно, от чьего имени подтверждается профиль: укажите аргумент as.",
  PERSONAL_DATA: "В тексте для публикации осталась личная информация.",
  PRACTICE_CHANGED: "Практика только что изменилась: обновите страницу и повторите.",
  PROFILE_MISSING: "Рисковый профиль школы ещё не загружен.",
  PROFILE_VERIFIED: "Профиль уже верифицирован: изменения вносятся с указанием причины.",
  PROGRAMME_NAME_TAKEN: "Проект с таким названием уже есть.",
  PROGRAMME_REGION_MISMATCH: "В региональном проекте участвуют только школы его субъекта.",
  PROGRAMME_YEAR_NOT_FOUND: "Год проекта не найден.",
  QUESTION_CHANGED: "Вопрос только что изменился: обновите страницу и повторите.",
  REASON_REQUIRED: "Профиль верифицирован: укажите причину изменения.",
  REGION_REQUIRED: "Не указан субъект РФ регионального проекта.",
  REORDER_MISMATCH: "Новый порядок должен перечислять каждое мероприятие дорожной карты ровно один раз.",
  RESET_LINK_INVALID: "Ссылка для смены пароля недействительна, устарела или уже использована.",
  RISK_FACTOR_IN_USE: "Фактор риска уже используется: его можно переименовать, но не удалить.",
  RISK_FACTOR_NOT_FOUND: "Фактор риска не найден: выберите его из списка.",
  RISK_FACTOR_UNKNOWN: "Фактор риска не относится к году этой дорожной карты.",
  RISK_NOT_CHOSEN: "Фактор риска не выбран в рисковом профиле школы.",
  ROADMAP_APPROVED: "Дорожная карта уже принята.",
  ROADMAP_CHANGED: "Дорожная карта только что изменилась: обновите страницу и повторите.",
  ROADMAP_EMPTY: "В дорожной карте нет мероприятий.",
  ROADMAP_IMPORT_INVALID: "Файл дорожной карты не импортирован (ошибки по строкам — в RoadmapImportError.problems).",
  ROADMAP_TARGET_MISSING: "Не указана дорожная карта (её id, участие школы или муниципалитет с годом).",
  ROADMAP_UNDER_REVIEW: "Дорожная карта на проверке: план можно изменить после решения.",
  ROLE_SCOPE_MISMATCH: "Роль и её территория (субъект, муниципалитет, школа) не соответствуют друг другу.",
  SCHOOL_CONFLICT: "Школа с такими данными уже есть в реестре.",
  TABLE_UNREADABLE: "Файл таблицы не читается или выходит за допустимые размеры.",
  TERRITORY_MISMATCH: "Муниципалитет не входит в выбранный регион.",
  TERRITORY_NOT_FOUND: "Территория не найдена.",
  TOO_MANY_ATTEMPTS: "Слишком много неудачных попыток входа: повторите позже.",
  TOO_MANY_RESET_REQUESTS: "Слишком много запросов на восстановление пароля: повторите позже.",
  TOPIC_EXISTS: "Такая тема уже есть в списке.",
  TOPIC_NOT_FOUND: "Тема не найдена: выберите её из списка.",
  UNKNOWN_RISK_FACTOR: "В профиле указан неизвестный фактор риска.",
  WEAK_PASSWORD: "Пароль слишком простой.",
  WRONG_PASSWORD: "Текущий пароль указан неверно.",
  YEAR_EXISTS: "Такой год проекта уже открыт.",
  YEAR_IN_USE: "Год проекта используется: его нельзя удалить.",
  YEAR_NOT_FOUND: "Года проекта нет.",
  YEAR_REQUIRED: "Не указан год проекта.",
  YEAR_UNKNOWN: "Год проекта не заведён.",
} as const satisfies Record<string, string>;

/** A registered domain error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Base of all domain errors a user can fix; `code` is stable for scripts. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** A failure the user can fix, returned as a `DomainError` result by mutations that declare it. */
export const fail = (code: ErrorCode, message: string) => new DomainError(message, code);

export const ErrorCodeEnum = builder.enumType("ErrorCode", {
  description: "Код ошибки, которую пользователь может исправить (DomainError и его уточнения). Коды стабильны: новые добавляются, старые не переименовываются.",
  values: Object.fromEntries(Object.entries(ERROR_CODES).map(([code, description]) => [code, { description }])) as { [C in ErrorCode]: { description: string } },
});

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "Ошибка, которую пользователь может исправить.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "Понятное сообщение на русском языке." }),
    code: t.expose("code", { type: ErrorCodeEnum, description: "Стабильный код ошибки (значение из ErrorCode)." }),
  }),
});

builder.objectType(DomainError, {
  name: "DomainError",
  description: "Ошибка предметной области.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof DomainError,
});
