import type { ParamMatcher } from '@sveltejs/kit';
import { isGlobalIdOf } from '../lib/ids.ts';

/** A Region global id: anything else is a 404 before any load asks the API. */
export const match = ((param: string): param is string => isGlobalIdOf(param, 'Region')) satisfies ParamMatcher;
