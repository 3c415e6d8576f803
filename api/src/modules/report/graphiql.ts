// What GraphiQL at /graphql opens with: where the report queries are and a first one to run.

/** The default document of GraphiQL: a short guide in comments and the region overview query. */
export const GRAPHIQL_DEFAULT_QUERY = `# МЭДК — отчёты через GraphQL.
# Десять готовых вопросов региона — в docs/reporting.md; все поля описаны в «Docs» справа.
# Отчёты: reportMonitoring, reportDocuments, reportMeasures, reportRisks (groupBy: ALL | REGION |
# MUNICIPALITY | SCHOOL | CURATOR), списки reportDocumentList и reportMeasureList, оценка regionScores,
# выгрузка в Excel/CSV — reportExportUrl. Всё считается в пределах вашего доступа.

query RegionOverview {
  reportMonitoring(filter: { year: 2026 }, groupBy: REGION) {
    totalCount
    edges {
      node {
        region { code name }
        participants
        profilesVerified
        documents { owed approved overdue approvedShare medianDaysToDecision }
        measures { dueSoFar doneOnTime overdue progress }
      }
    }
  }
}
`;

/** A browser opening the GraphiQL page (not a GraphQL request over GET). */
export const isGraphiQLPage = (method: string | undefined, accept: string | undefined, url: string) => method === "GET" && !!accept?.includes("text/html") && !/[?&]query=/.test(url);
