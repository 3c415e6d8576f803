// Scalars shared by every module.
import { GraphQLError, Kind } from "graphql";
import { builder } from "../builder.ts";

const bad = (m: string) => new GraphQLError(m, { extensions: { code: "BAD_USER_INPUT" } });

builder.scalarType("DateTime", {
  description: "Момент времени, ISO 8601 в UTC (например, 2026-04-30T15:00:00.000Z).",
  serialize: (d) => d.toISOString(),
  parseValue: (v) => {
    const d = new Date(String(v));
    if (typeof v !== "string" || Number.isNaN(d.getTime())) throw bad(`Неверная дата и время: «${String(v)}»`);
    return d;
  },
});

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const parseDate = (v: unknown) => {
  const m = typeof v === "string" ? DATE_RE.exec(v) : null;
  const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
  if (!d || d.getUTCDate() !== +m![3]!) throw bad(`Неверная дата: «${String(v)}», ожидается ГГГГ-ММ-ДД`);
  return d;
};
builder.scalarType("Date", {
  description: "Календарная дата без времени, ГГГГ-ММ-ДД.",
  serialize: (d) => d.toISOString().slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

builder.scalarType("Decimal", {
  description: 'Десятичное число, передаётся строкой без потери точности (например, "12.5").',
  serialize: (v) => String(v),
  parseValue: (v) => {
    const s = String(v).trim().replace(",", ".");
    if (!/^-?\d{1,10}(\.\d{1,4})?$/.test(s)) throw bad(`Неверное число: «${String(v)}»`);
    return s;
  },
});

builder.scalarType("JSON", {
  description: "Произвольные данные JSON.",
  serialize: (v) => v,
  parseValue: (v) => v,
});

builder.scalarType("File", {
  description: "Загружаемый файл (GraphQL multipart request).",
  serialize: () => {
    throw new Error("File is input only");
  },
  // Yoga's multipart parser hands over its own File implementation (not the global class): accept
  // anything that behaves as one.
  parseValue: (v) => {
    const f = v as File | null;
    if (!f || typeof f !== "object" || typeof f.arrayBuffer !== "function" || typeof f.name !== "string" || typeof f.size !== "number") throw bad("Ожидается файл");
    return f;
  },
});
