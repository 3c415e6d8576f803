// The national registry: ~2,400 municipalities and ~40,000 schools spread over the 85 programme regions,
// plus who takes part in which year. Kept in memory (small) so later steps can reference the ids.
import type { Prng } from "../lib/prng.ts";
import type { TableWriter } from "./bulk.ts";
import { feminine, MUNICIPALITY_FORMS, ORG_FORMS, PLACE_STEMS, SCHOOL_TYPES, streetAddress } from "./names.ts";

export interface NRegion {
  id: string;
  code: number;
  name: string;
  municipalities: NMunicipality[];
  schools: NSchool[];
}

export interface NMunicipality {
  id: string;
  index: number;
  region: NRegion;
  name: string;
}

export interface NSchool {
  id: string;
  index: number;
  municipality: NMunicipality;
  shortName: string;
  canParticipate: boolean;
  canHostCurators: boolean;
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder), each at least `min`. */
export function apportion(total: number, weights: readonly number[], min = 1): number[] {
  const spare = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (spare * w) / sum);
  const parts = exact.map((x) => min + Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

export function buildTerritory(
  prng: Prng,
  regions: { id: string; code: number; name: string }[],
  size: { municipalities: number; schools: number },
  out: { municipalities: TableWriter; schools: TableWriter },
): NRegion[] {
  const regionWeights = regions.map(() => 0.4 + prng.next() * 1.6);
  // At least three municipalities a region at full size; a scaled-down run still gets one.
  const perRegion = apportion(size.municipalities, regionWeights, Math.max(1, Math.min(3, Math.floor(size.municipalities / regions.length))));
  const world: NRegion[] = regions.map((r) => ({ ...r, municipalities: [], schools: [] }));
  const municipalities: NMunicipality[] = [];

  world.forEach((region, ri) => {
    // Distinct (stem, form) pairs keep names unique within the region.
    const pairs = PLACE_STEMS.flatMap((stem) => MUNICIPALITY_FORMS.map((form) => `${stem} ${form}`));
    for (const name of prng.sample(pairs, perRegion[ri]!)) {
      const m: NMunicipality = { id: prng.uuid(), index: municipalities.length, region, name };
      region.municipalities.push(m);
      municipalities.push(m);
      out.municipalities.add({ id: m.id, regionId: region.id, name });
    }
  });

  const perMunicipality = apportion(
    size.schools,
    municipalities.map(() => 0.5 + prng.next()),
    Math.max(1, Math.min(3, Math.floor(size.schools / municipalities.length))),
  );
  let index = 0;
  municipalities.forEach((m, mi) => {
    const count = perMunicipality[mi]!;
    const villages = prng.sample(PLACE_STEMS, count);
    let number = 0;
    for (let k = 0; k < count; k++) {
      // About a third are numbered town schools, the rest village schools named after the village.
      const town = k < Math.ceil(count / 3) || !villages[k];
      const form = prng.pick(town ? (["МБОУ", "МАОУ"] as const) : (["МКОУ", "МБОУ"] as const));
      const type = town || prng.chance(0.6) ? "СОШ" : "ООШ";
      const title = town ? `${type} № ${++number}` : `${feminine(villages[k]!)} ${type}`;
      const fullTitle = town ? `${SCHOOL_TYPES[type][0]!.toUpperCase()}${SCHOOL_TYPES[type].slice(1)} № ${number}` : `${feminine(villages[k]!)} ${SCHOOL_TYPES[type]}`;
      const school: NSchool = {
        id: prng.uuid(),
        index: index++,
        municipality: m,
        shortName: `${form} «${title}»`,
        canParticipate: prng.chance(0.97),
        // Each municipality's first school can host curators, so every region has some.
        canHostCurators: k === 0 || prng.chance(0.1),
      };
      m.region.schools.push(school);
      const seq = String(school.index).padStart(8, "0");
      out.schools.add({
        id: school.id,
        municipalityId: m.id,
        shortName: school.shortName,
        fullName: `${ORG_FORMS[form]} «${fullTitle}»`,
        // Fictional but well-formed and unique: region code + sequence.
        inn: `${String(m.region.code).padStart(2, "0")}${seq}`,
        ogrn: `1${String(m.region.code).padStart(2, "0")}00${seq}`,
        address: `${m.region.name}, ${m.name}, ${streetAddress(prng)}`,
        canParticipate: school.canParticipate,
        canHostCurators: school.canHostCurators,
      });
    }
  });
  return world;
}

export interface NParticipation {
  id: string;
  school: NSchool;
  year: number;
  status: "PARTICIPATING" | "LEFT_LOW_RESULTS" | "WITHDRAWN";
}

/**
 * Participants per year, in proportion to each region's registry. Schools still at risk mostly stay
 * on next year; those that left the low-results list do not come back.
 */
export function chooseParticipants(prng: Prng, world: NRegion[], years: readonly number[], perYear: number): NParticipation[] {
  const totalSchools = world.reduce((s, r) => s + r.schools.length, 0);
  const quotas = apportion(
    perYear,
    world.map((r) => r.schools.length / totalSchools),
    1,
  );
  const all: NParticipation[] = [];
  let previous = new Map<NRegion, NParticipation[]>();
  for (const [yi, year] of years.entries()) {
    const current = new Map<NRegion, NParticipation[]>();
    world.forEach((region, ri) => {
      const quota = quotas[ri]!;
      const stay = (previous.get(region) ?? []).filter((p) => p.status === "PARTICIPATING" && prng.chance(0.6));
      const taken = new Set(stay.map((p) => p.school));
      const fresh = prng
        .sample(
          region.schools.filter((s) => s.canParticipate && !taken.has(s)),
          quota,
        )
        .slice(0, Math.max(0, quota - stay.length));
      const leftShare = 0.2 + yi * 0.04; // the programme works: more schools leave the list each year
      const list = [...stay.slice(0, quota).map((p) => p.school), ...fresh].map((school) => {
        const status = prng.weighted([
          ["PARTICIPATING", 1 - leftShare - 0.02],
          ["LEFT_LOW_RESULTS", leftShare],
          ["WITHDRAWN", 0.02],
        ] as const);
        return { id: prng.uuid(), school, year, status } satisfies NParticipation;
      });
      current.set(region, list);
      all.push(...list);
    });
    previous = current;
  }
  return all;
}
