// Global ids one way: every id argument declares its type (`t.arg.globalID({ for: SchoolNode })`), and
// the relay plugin refuses an id of another type or a malformed one before any resolver runs. Its
// English refusal becomes a Russian BAD_USER_INPUT here, at the one place errors leave the server.
import { GraphQLError } from "graphql";

/** What a user calls an object of each node type (for the «ожидается id …» message). */
const NOUN: Record<string, string> = {
  Region: "субъекта РФ",
  Municipality: "муниципалитета",
  School: "школы",
  User: "пользователя",
  ProgrammeYear: "года проекта",
  Participation: "участия",
  RiskFactor: "фактора риска",
  RiskProfile: "рискового профиля",
  Roadmap: "дорожной карты",
  Measure: "мероприятия дорожной карты",
  Document: "документа",
  DocumentVersion: "версии документа",
  Event: "мероприятия",
  Material: "материала",
  Practice: "практики",
  Question: "вопроса",
  QuestionTopic: "темы",
  FaqEntry: "записи справочника",
  Notification: "уведомления",
  ScoringCriterion: "критерия",
};

const WRONG_TYPE = /^ID: .* is not of type: (.+)$/;
const MALFORMED = /^Invalid global ID: /;

/**
 * The Russian BAD_USER_INPUT for the relay plugin's refusal of an id argument (wrong type or not a
 * global id at all), or null when `error` is something else.
 */
export function globalIdError(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError)) return null;
  const original = error.originalError instanceof GraphQLError ? error.originalError : error;
  if (original.name !== "PothosValidationError") return null;
  const wrong = WRONG_TYPE.exec(original.message);
  if (!wrong && !MALFORMED.test(original.message)) return null;
  const expected = wrong
    ? wrong[1]!
        .split(", ")
        .map((t) => NOUN[t] ?? t)
        .join(" или ")
    : null;
  return new GraphQLError(expected ? `Неверный id: ожидается id ${expected}` : "Неверный id: это не идентификатор объекта МЭДК", {
    nodes: error.nodes,
    positions: error.positions,
    path: error.path,
    extensions: { code: "BAD_USER_INPUT", ...(wrong ? { expected: wrong[1]!.split(", ") } : {}) },
  });
}
