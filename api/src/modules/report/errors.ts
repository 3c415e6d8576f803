// Report failures a client can understand: a statement stopped by the time limit.
import { GraphQLError } from "graphql";

/** The report SQL ran past the statement timeout and PostgreSQL cancelled it. */
export const reportTimeout = (ms: number) =>
  new GraphQLError(`Отчёт строился дольше ${Math.round(ms / 100) / 10} с и был остановлен (лимит времени запроса к базе). Сузьте фильтр: год, территорию или статус.`, {
    extensions: { code: "REPORT_TIMEOUT", limitMs: ms },
  });
