// reportExportUrl: the download URL of any report as CSV or XLSX.
import { builder } from "../../../builder.ts";
import { badInput } from "../../../errors.ts";
import { checkColumns, checkOrder, ExportInputError, exportPath, type ExportKind, type ExportRequest } from "../export.ts";
import type { FilterInput } from "../service.ts";
import type { GroupBy } from "../sql.ts";
import { inactiveDaysSchema, reportFilterSchema } from "../validation.ts";
import { ReportFilterInput, ReportGroupByEnum, SortDirectionEnum } from "./common.ts";
import { z } from "zod";

const ReportExportKindEnum = builder.enumType("ReportExportKind", {
  description: "Какой отчёт выгрузить.",
  values: {
    MONITORING: { description: "reportMonitoring." },
    DOCUMENTS: { description: "reportDocuments." },
    MEASURES: { description: "reportMeasures." },
    RISKS: { description: "reportRisks." },
    DOCUMENT_LIST: { description: "reportDocumentList." },
    MEASURE_LIST: { description: "reportMeasureList." },
    REGION_SCORES: { description: "regionScores (годы и субъекты берутся из фильтра)." },
  } as const,
});

const ExportFormatEnum = builder.enumType("ReportExportFormat", {
  description: "Формат выгрузки.",
  values: {
    CSV: { description: "CSV в UTF-8, разделитель «;», десятичная запятая (одна таблица — первая группировка)." },
    XLSX: { description: "Excel: лист на каждую группировку, фильтр в начале листа, форматы чисел." },
  } as const,
});

const ExportOrderInput = builder.inputType("ReportExportOrder", {
  description: "Сортировка строк выгрузки: значение enum сортировки этого отчёта (например, DOCUMENTS_OVERDUE для мониторинга; REGION или POINTS для оценки регионов).",
  fields: (t) => ({
    field: t.string({ validate: z.string().regex(/^[A-Z_]{2,60}$/, "Поле сортировки — значение enum сортировки отчёта"), description: "Поле сортировки." }),
    direction: t.field({ type: SortDirectionEnum, required: false, defaultValue: "ASC", description: "Направление." }),
  }),
});

const ExportColumnInput = builder.inputType("ReportExportColumn", {
  description: "Столбец выгрузки «как на экране»: показатель и его название на экране.",
  fields: (t) => ({
    figure: t.string({
      validate: z.string().regex(/^[a-z][A-Za-z]{1,40}(\.[a-z][A-Za-z]{1,40})?$/, "Показатель — путь поля в строке отчёта, например documents.owed"),
      description: "Путь показателя в строке отчёта (participants, documents.owed, measures.progress).",
    }),
    label: t.string({ validate: z.string().trim().min(1, "Название столбца не заполнено").max(120, "Название столбца — не длиннее 120 символов"), description: "Название столбца, как на экране." }),
  }),
});

builder.queryFields((t) => ({
  reportExportUrl: t.string({
    description:
      "Ссылка для скачивания отчёта в CSV или XLSX (GET с той же cookie или заголовком Authorization). " +
      "Ссылка содержит только параметры: при скачивании отчёт строится заново в пределах доступа того, кто скачивает.",
    authScopes: { signedIn: true },
    args: {
      report: t.arg({ type: ReportExportKindEnum, description: "Отчёт." }),
      format: t.arg({ type: ExportFormatEnum, description: "Формат." }),
      filter: t.arg({ type: ReportFilterInput, validate: reportFilterSchema, description: "Фильтр (как у отчёта)." }),
      groupBy: t.arg({
        type: [ReportGroupByEnum],
        required: false,
        defaultValue: ["REGION"],
        validate: z.array(z.string()).min(1, "Укажите хотя бы одну группировку").max(5),
        description: "Группировки: в XLSX — лист на каждую (например, [REGION, MUNICIPALITY, SCHOOL] — спуск по уровням); в CSV — первая.",
      }),
      orderBy: t.arg({ type: ExportOrderInput, required: false, description: "Сортировка." }),
      inactiveDays: t.arg.int({ required: false, defaultValue: 30, validate: inactiveDaysSchema, description: "Порог «без активности» для мониторинга." }),
      columns: t.arg({
        type: [ExportColumnInput],
        required: false,
        validate: z.array(z.unknown()).min(1, "Укажите хотя бы один показатель").max(60, "Не больше 60 показателей"),
        description: "«Как на экране»: показатели в порядке и с названиями экрана. Без него — «все показатели» отчёта.",
      }),
    },
    resolve: (_r, args) => {
      const req: ExportRequest = {
        report: args.report as ExportKind,
        filter: args.filter as FilterInput,
        groupBy: (args.groupBy ?? ["REGION"]) as GroupBy[],
        order: args.orderBy ? { value: args.orderBy.field, desc: args.orderBy.direction === "DESC" } : null,
        inactiveDays: args.inactiveDays ?? 30,
        columns: args.columns?.map((c) => ({ figure: c.figure, label: c.label.trim() })) ?? null,
      };
      try {
        checkOrder(req);
        checkColumns(req);
      } catch (e) {
        if (e instanceof ExportInputError) throw badInput(e.message);
        throw e;
      }
      return exportPath(args.format, req);
    },
  }),
}));
