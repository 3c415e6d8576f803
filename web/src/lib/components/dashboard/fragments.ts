import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

/** A region's score for a year: «N из M баллов, зона», and what each criterion gave. */
export const RegionScoreFields = graphql(`
	fragment RegionScoreFields on RegionScoring {
		year
		summary
		points
		maxPoints
		zone
		zoneTitle
		savedPoints
		savedAt
		region {
			id
			code
			name
		}
		criteria {
			criterionId
			code
			title
			value
			threshold
			points
			maxPoints
			met
			explanation
		}
	}
`);

export type RegionScore = ResultOf<typeof RegionScoreFields>;
export type Zone = NonNullable<RegionScore['zone']>;

/** Zone colours as badge tones. */
export const ZONE_TONE: Record<Zone, 'success' | 'warning' | 'danger'> = {
	GREEN: 'success',
	YELLOW: 'warning',
	RED: 'danger'
};
