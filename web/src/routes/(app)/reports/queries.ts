/** The report builder's queries: one per report, every figure of it, one page of rows, export links. */
import { graphql } from '$lib/graphql/graphql.ts';
import { PageInfoFields } from '$lib/graphql/fragments/page-info.ts';

export const ReportGroupFields = graphql(`
	fragment ReportGroupFields on ReportRow {
		groupName
		year
		region {
			id
			code
			name
		}
		municipality {
			id
			name
		}
		school {
			id
			shortName
		}
		curator {
			id
			fullName
			organisationName
		}
	}
`);

export const MonitoringReport = graphql(
	`
		query BuilderMonitoringReport(
			$filter: ReportFilter!
			$groupBy: ReportGroupBy!
			$first: Int
			$after: String
			$last: Int
			$before: String
			$orderBy: MonitoringReportOrder
			$exportGroups: [ReportGroupBy!]
			$exportOrder: ReportExportOrder
			$exportColumns: [ReportExportColumn!]
		) {
			report: reportMonitoring(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						...ReportGroupFields
						participants
						withCurator
						profilesVerified
						leftLowResults
						inactive
						lastActivityAt
						documents {
							owed
							approved
							awaitingReview
							returned
							overdue
							approvedShare
							medianDaysToDecision
						}
						measures {
							measures
							done
							overdue
							progress
							indicatorAttainment
							roadmapsApproved
							roadmapsAwaitingReview
							roadmapsOverdue
						}
						consultation {
							asked
							answered
							medianDaysToAnswer
							unansweredOverdue
						}
					}
				}
			}
			xlsx: reportExportUrl(report: MONITORING, format: XLSX, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			csv: reportExportUrl(report: MONITORING, format: CSV, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			xlsxScreen: reportExportUrl(
				report: MONITORING
				format: XLSX
				filter: $filter
				groupBy: $exportGroups
				orderBy: $exportOrder
				columns: $exportColumns
			)
			csvScreen: reportExportUrl(
				report: MONITORING
				format: CSV
				filter: $filter
				groupBy: $exportGroups
				orderBy: $exportOrder
				columns: $exportColumns
			)
		}
	`,
	[ReportGroupFields, PageInfoFields]
);

export const DocumentsReport = graphql(
	`
		query BuilderDocumentsReport(
			$filter: ReportFilter!
			$groupBy: ReportGroupBy!
			$first: Int
			$after: String
			$last: Int
			$before: String
			$orderBy: DocumentReportOrder
			$exportGroups: [ReportGroupBy!]
			$exportOrder: ReportExportOrder
			$exportColumns: [ReportExportColumn!]
		) {
			report: reportDocuments(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						...ReportGroupFields
						participants
						owed
						missing
						draft
						submitted
						awaitingReview
						approved
						returned
						overdue
						approvedShare
						decisions
						returns
						medianDaysToDecision
					}
				}
			}
			xlsx: reportExportUrl(report: DOCUMENTS, format: XLSX, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			csv: reportExportUrl(report: DOCUMENTS, format: CSV, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			xlsxScreen: reportExportUrl(
				report: DOCUMENTS
				format: XLSX
				filter: $filter
				groupBy: $exportGroups
				orderBy: $exportOrder
				columns: $exportColumns
			)
			csvScreen: reportExportUrl(
				report: DOCUMENTS
				format: CSV
				filter: $filter
				groupBy: $exportGroups
				orderBy: $exportOrder
				columns: $exportColumns
			)
		}
	`,
	[ReportGroupFields, PageInfoFields]
);

export const MeasuresReport = graphql(
	`
		query BuilderMeasuresReport(
			$filter: ReportFilter!
			$groupBy: ReportGroupBy!
			$first: Int
			$after: String
			$last: Int
			$before: String
			$orderBy: MeasureReportOrder
			$exportGroups: [ReportGroupBy!]
			$exportOrder: ReportExportOrder
			$exportColumns: [ReportExportColumn!]
		) {
			report: reportMeasures(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						...ReportGroupFields
						participants
						schoolsWithRoadmap
						measures
						planned
						inProgress
						done
						doneConfirmed
						doneAwaitingConfirmation
						cancelled
						dueSoFar
						doneOnTime
						overdue
						progress
						withIndicator
						indicatorsAttained
						indicatorAttainment
						roadmapsSubmitted
						roadmapsAwaitingReview
						roadmapsApproved
						roadmapsReturned
						roadmapsOverdue
					}
				}
			}
			xlsx: reportExportUrl(report: MEASURES, format: XLSX, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			csv: reportExportUrl(report: MEASURES, format: CSV, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			xlsxScreen: reportExportUrl(
				report: MEASURES
				format: XLSX
				filter: $filter
				groupBy: $exportGroups
				orderBy: $exportOrder
				columns: $exportColumns
			)
			csvScreen: reportExportUrl(
				report: MEASURES
				format: CSV
				filter: $filter
				groupBy: $exportGroups
				orderBy: $exportOrder
				columns: $exportColumns
			)
		}
	`,
	[ReportGroupFields, PageInfoFields]
);

export const RisksReport = graphql(
	`
		query BuilderRisksReport(
			$filter: ReportFilter!
			$groupBy: ReportGroupBy!
			$first: Int
			$after: String
			$last: Int
			$before: String
			$orderBy: RiskReportOrder
			$exportGroups: [ReportGroupBy!]
			$exportOrder: ReportExportOrder
			$exportColumns: [ReportExportColumn!]
		) {
			report: reportRisks(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
				totalCount
				pageInfo {
					...PageInfoFields
				}
				edges {
					node {
						...ReportGroupFields
						factorNumber
						factorTitle
						profiles
						schools
						high
						medium
						low
						chosen
						chosenShare
						highShare
					}
				}
			}
			xlsx: reportExportUrl(report: RISKS, format: XLSX, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			csv: reportExportUrl(report: RISKS, format: CSV, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder)
			xlsxScreen: reportExportUrl(
				report: RISKS
				format: XLSX
				filter: $filter
				groupBy: $exportGroups
				orderBy: $exportOrder
				columns: $exportColumns
			)
			csvScreen: reportExportUrl(report: RISKS, format: CSV, filter: $filter, groupBy: $exportGroups, orderBy: $exportOrder, columns: $exportColumns)
		}
	`,
	[ReportGroupFields, PageInfoFields]
);
