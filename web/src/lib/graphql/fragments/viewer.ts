import { graphql, type ResultOf } from '../graphql.ts';

/** Everything the shell needs to know about the signed-in user: name, roles and territory. */
export const ViewerFields = graphql(`
	fragment ViewerFields on Viewer {
		id
		fullName
		email
		role
		roles {
			role
			region {
				id
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
		}
		region {
			id
			name
			timeZone
		}
		municipality {
			id
			name
		}
		school {
			id
			shortName
		}
	}
`);

export type ViewerData = ResultOf<typeof ViewerFields>;
export type Role = NonNullable<ViewerData['role']>;
