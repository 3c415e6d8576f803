import { redirect } from '@sveltejs/kit';
import { graphql } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { RegionScoreFields } from '$lib/components/dashboard/fragments.ts';
import { query } from '$lib/server/api.ts';
import { field, mutate } from '$lib/server/actions.ts';
import type { Actions, PageServerLoad } from './$types';

const ScoringPage = graphql(
	`
		query ScoringPage($year: Int!) {
			regionScores(years: [$year], first: 100, orderBy: { field: POINTS, direction: DESC }) {
				totalCount
				edges {
					node {
						...RegionScoreFields
					}
				}
			}
			scoringZones(year: $year) {
				color
				title
				minPoints
			}
			scoringCriteria(year: $year) {
				id
				code
				title
				metric
				metricTitle
				threshold
				points
			}
			metrics: __type(name: "ScoringMetric") {
				enumValues {
					name
					description
				}
			}
		}
	`,
	[RegionScoreFields]
);

/** The year from `?year=`, or the current one. */
function yearOf(url: URL, years: { year: number }[]): number | null {
	const asked = Number(url.searchParams.get('year'));
	return years.some((y) => y.year === asked) ? asked : (years[0]?.year ?? null);
}

export const load: PageServerLoad = async (event) => {
	const { years } = await event.parent();
	const year = yearOf(event.url, years);
	if (year == null) redirect(303, '/');
	const data = await query(event, ScoringPage, { year });
	const edit = event.url.searchParams.get('edit');
	// gql.tada does not type introspection fields: the metrics' names and Russian descriptions, as the API has them.
	const metrics = (data as { metrics?: { enumValues: { name: string; description: string | null }[] } | null }).metrics;
	return {
		year,
		scores: data.regionScores.edges.map((e) => e.node),
		zones: data.scoringZones,
		criteria: data.scoringCriteria,
		metrics: (metrics?.enumValues ?? []).map((v) => ({ value: v.name, label: v.description ?? v.name })),
		editing: data.scoringCriteria.find((c) => c.code === edit) ?? null
	};
};

const Upsert = graphql(
	`
		mutation UpsertCriterion($input: UpsertScoringCriterionInput!) {
			upsertScoringCriterion(input: $input) {
				__typename
				...ErrorFields
				... on MutationUpsertScoringCriterionSuccess {
					data {
						id
						title
					}
				}
			}
		}
	`,
	[ErrorFields]
);

const Delete = graphql(
	`
		mutation DeleteCriterion($id: ID!) {
			deleteScoringCriterion(id: $id) {
				__typename
				...ErrorFields
				... on MutationDeleteScoringCriterionSuccess {
					data
				}
			}
		}
	`,
	[ErrorFields]
);

const SetZones = graphql(
	`
		mutation SetZones($year: Int!, $zones: [ScoringZoneInput!]!) {
			setScoringZones(year: $year, zones: $zones) {
				__typename
				...ErrorFields
				... on MutationSetScoringZonesSuccess {
					data {
						color
					}
				}
			}
		}
	`,
	[ErrorFields]
);

const SaveScores = graphql(
	`
		mutation SaveScores($year: Int!) {
			saveRegionScores(year: $year) {
				__typename
				...ErrorFields
				... on MutationSaveRegionScoresSuccess {
					data
				}
			}
		}
	`,
	[ErrorFields]
);

const COLORS = ['GREEN', 'YELLOW', 'RED'] as const;

/** A number typed the Russian way («0,9», «90 %»). */
const number = (s: string): number => Number(s.replace(/\s|%/g, '').replace(',', '.'));

const YearCodes = graphql(`
	query ScoringCriterionCodes($year: Int!) {
		scoringCriteria(year: $year) {
			code
		}
	}
`);

/**
 * The API keys a criterion by a Latin code; a new one gets it from its metric (DOCUMENTS_APPROVED,
 * then DOCUMENTS_APPROVED_2, …), so nobody has to invent one.
 */
function newCriterionCode(metric: string, taken: string[]): string {
	const base =
		metric
			.toUpperCase()
			.replace(/[^A-Z0-9_]/g, '_')
			.slice(0, 36) || 'CRITERION';
	const used = new Set(taken);
	if (!used.has(base)) return base;
	for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

export const actions: Actions = {
	/** Creates a criterion, or changes the one with this code. The threshold is typed in percent. */
	criterion: async (event) => {
		const form = await event.request.formData();
		const values = Object.fromEntries(['year', 'code', 'title', 'metric', 'threshold', 'points'].map((k) => [k, field(form, k)]));
		if (!values.code && Number.isInteger(Number(values.year))) {
			const existing = await query(event, YearCodes, { year: Number(values.year) });
			values.code = newCriterionCode(
				values.metric,
				existing.scoringCriteria.map((c) => c.code)
			);
		}
		const percent = number(values.threshold);
		const result = await mutate(
			event,
			Upsert,
			{
				input: {
					year: Number(values.year),
					code: values.code.toUpperCase(),
					title: values.title,
					metric: values.metric as never,
					threshold: Number.isFinite(percent) ? Math.round(percent * 100) / 10000 : Number.NaN,
					points: Number.isInteger(number(values.points)) ? number(values.points) : -1
				}
			},
			(d) => d.upsertScoringCriterion,
			'criterion',
			values
		);
		if (!result.ok) return result.failure;
		return { form: 'criterion', ok: true, message: `Критерий «${values.title}» сохранён` };
	},

	remove: async (event) => {
		const form = await event.request.formData();
		const result = await mutate(event, Delete, { id: field(form, 'id') }, (d) => d.deleteScoringCriterion, 'remove');
		if (!result.ok) return result.failure;
		return { form: 'remove', ok: true, message: `Критерий «${field(form, 'title')}» удалён` };
	},

	/** Zones of the year as a whole: a colour left empty is removed. */
	zones: async (event) => {
		const form = await event.request.formData();
		const values = Object.fromEntries(COLORS.map((c) => [c, field(form, c)]));
		const zones = COLORS.filter((c) => values[c] !== '').map((color) => ({
			color,
			minPoints: Number.isInteger(number(values[color])) ? number(values[color]) : -1
		}));
		const result = await mutate(event, SetZones, { year: Number(field(form, 'year')), zones }, (d) => d.setScoringZones, 'zones', values);
		if (!result.ok) return result.failure;
		return { form: 'zones', ok: true, message: 'Зоны сохранены' };
	},

	snapshot: async (event) => {
		const form = await event.request.formData();
		const year = Number(field(form, 'year'));
		const result = await mutate(event, SaveScores, { year }, (d) => d.saveRegionScores, 'snapshot');
		if (!result.ok) return result.failure;
		return { form: 'snapshot', ok: true, message: `Снимок оценок ${year} сохранён: регионов — ${result.value.data}` };
	}
};
