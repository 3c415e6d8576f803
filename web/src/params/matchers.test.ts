import { describe, expect, it } from 'vitest';
import { match as municipality } from './municipality.ts';
import { match as participation } from './participation.ts';
import { match as region } from './region.ts';
import { match as roadmap } from './roadmap.ts';
import { match as school } from './school.ts';

const id = (type: string) => btoa(`${type}:0b5e6a52-8f0e-4c1b-9a51-3f1f0b7f1a11`);

describe('route param matchers', () => {
	it('accept a global id of their own type only', () => {
		const matchers = { School: school, Region: region, Municipality: municipality, Roadmap: roadmap, Participation: participation };
		for (const [type, match] of Object.entries(matchers)) {
			expect(match(id(type)), type).toBe(true);
			for (const other of Object.keys(matchers)) if (other !== type) expect(match(id(other)), `${type} ← ${other}`).toBe(false);
		}
	});

	it('refuse what is not a global id at all, so the route answers 404 without asking the API', () => {
		for (const bad of ['', 'garbage', '%%%', btoa('School:'), btoa('School'), '12345']) expect(school(bad), bad).toBe(false);
	});
});
