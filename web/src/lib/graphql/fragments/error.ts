import { graphql } from '../graphql.ts';

/**
 * The typed error of a mutation's payload, as every form reads it: spread `...ErrorFields` into the
 * payload's selection (with `[ErrorFields]` beside the document) and let `failureOfPayload` read it.
 * `__typename` and `code` say which failure it is; `message` is the API's Russian text for the user.
 */
export const ErrorFields = graphql(`
	fragment ErrorFields on Error {
		__typename
		message
		code
	}
`);
