// How the rows of each report may be ordered: GraphQL enum value → SQL column (a whitelist). The GraphQL
// order enums and the export's `orderBy` are both built from these lists.
import { CONSULTATION_FIGURES, DOCUMENT_FIGURES, MEASURE_FIGURES, orderValue, PARTICIPATION_FIGURES, RISK_FIGURES, type Figure } from "./figures.ts";

export interface OrderOption {
  value: string;
  column: string;
  description: string;
}

const fromFigures = (figures: readonly Figure[], prefix = ""): OrderOption[] => figures.map((x) => ({ value: prefix + orderValue(x.field), column: x.column, description: x.header }));

export const PARTICIPANTS_ONLY = PARTICIPATION_FIGURES.filter((x) => x.field === "participants");

/** Every report orders by GROUP (the groups' natural order) and YEAR besides these. */
export const COMMON_ORDERS: OrderOption[] = [
  { value: "GROUP", column: "group", description: "Естественный порядок групп: субъекты по коду, остальные по названию." },
  { value: "YEAR", column: "year", description: "По году." },
];

export const ORDERS = {
  MONITORING: [
    ...fromFigures(PARTICIPATION_FIGURES),
    ...fromFigures(DOCUMENT_FIGURES, "DOCUMENTS_"),
    ...fromFigures(MEASURE_FIGURES, "MEASURES_"),
    ...fromFigures(CONSULTATION_FIGURES, "CONSULTATION_"),
  ],
  DOCUMENTS: [...fromFigures(PARTICIPANTS_ONLY), ...fromFigures(DOCUMENT_FIGURES)],
  MEASURES: [...fromFigures(PARTICIPANTS_ONLY), ...fromFigures(MEASURE_FIGURES)],
  RISKS: [{ value: "FACTOR_NUMBER", column: "factor_number", description: "По номеру фактора." }, ...fromFigures(RISK_FIGURES)],
  DOCUMENT_LIST: [
    { value: "SUBMITTED_AT", column: "submitted_at", description: "По дате отправки." },
    { value: "DECIDED_AT", column: "decided_at", description: "По дате решения." },
    { value: "WAITING_DAYS", column: "waiting_days", description: "По времени ожидания проверки." },
    { value: "STATE", column: "state", description: "По состоянию." },
  ],
  MEASURE_LIST: [
    { value: "DUE_DATE", column: "due_date", description: "По сроку." },
    { value: "COMPLETED_AT", column: "completed_at", description: "По дате выполнения." },
    { value: "STATUS", column: "status", description: "По статусу." },
  ],
} satisfies Record<string, OrderOption[]>;

export type OrderedReport = keyof typeof ORDERS;

/** The SQL column of an order value of a report; undefined when the report has no such order. */
export const orderColumn = (report: OrderedReport, value: string) => [...COMMON_ORDERS, ...ORDERS[report]].find((o) => o.value === value)?.column;
