import { graphql, type ResultOf } from '$lib/graphql/graphql.ts';

/** A school as a row of a list: names, place, and its participations with curators. */
export const SchoolRowFields = graphql(`
	fragment SchoolRowFields on School {
		id
		shortName
		fullName
		address
		municipality {
			id
			name
			region {
				id
				name
			}
		}
		participations {
			id
			status
			programmeYear {
				id
				year
			}
			curators {
				curator {
					id
					fullName
				}
			}
		}
	}
`);

export type SchoolRow = ResultOf<typeof SchoolRowFields>;
