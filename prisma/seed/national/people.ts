// National users: a regional coordinator per region, a municipal coordinator per municipality, curators
// from the regions' effective schools (about one per 2.5 participants) and one account per participating
// school. Emails live under @national.medk.test so they never meet the demo accounts.
import type { Prng } from "../lib/prng.ts";
import type { TableWriter } from "./bulk.ts";
import { personName } from "./names.ts";
import type { NMunicipality, NParticipation, NRegion, NSchool } from "./territory.ts";

export const NATIONAL_DOMAIN = "national.medk.test";

export interface NPeople {
  municipalCoordinator: Map<NMunicipality, string>;
  schoolAccount: Map<NSchool, string>;
  /** Curators of each participation (one, sometimes two). */
  curatorsOf: Map<NParticipation, string[]>;
}

export function buildPeople(prng: Prng, world: NRegion[], participations: NParticipation[], passwordHash: string, out: { users: TableWriter; roles: TableWriter }): NPeople {
  const created = new Date(Date.UTC(2020, 11, 1));
  let n = 0;
  const user = (email: string, position: string, role: string, scope: Record<string, string | null>, organisationId?: string) => {
    const id = prng.uuid();
    out.users.add({
      id,
      email,
      fullName: personName(prng),
      position,
      // Some accounts were invited but never activated.
      passwordHash: prng.chance(0.15) ? null : passwordHash,
      active: true,
      organisationId: organisationId ?? null,
      createdAt: created,
    });
    out.roles.add({ id: prng.uuid(), userId: id, role, ...scope, createdAt: created });
    n++;
    return id;
  };

  const people: NPeople = {
    municipalCoordinator: new Map(),
    schoolAccount: new Map(),
    curatorsOf: new Map(),
  };
  const byRegion = new Map<NRegion, NParticipation[]>();
  for (const p of participations) {
    const r = p.school.municipality.region;
    const list = byRegion.get(r);
    if (list) list.push(p);
    else byRegion.set(r, [p]);
  }

  for (const region of world) {
    user(`region.${region.code}@${NATIONAL_DOMAIN}`, "Региональный координатор проекта", "REGIONAL_COORDINATOR", { regionId: region.id });
    for (const m of region.municipalities) {
      const id = user(`mun.${m.index + 1}@${NATIONAL_DOMAIN}`, "Муниципальный координатор проекта", "MUNICIPAL_COORDINATOR", {
        municipalityId: m.id,
      });
      people.municipalCoordinator.set(m, id);
    }

    const parts = byRegion.get(region) ?? [];
    const perYear = Math.max(...[...new Set(parts.map((p) => p.year))].map((y) => parts.filter((p) => p.year === y).length), 1);
    const hosts = region.schools.filter((s) => s.canHostCurators);
    const curators = Array.from({ length: Math.ceil(perYear / 2.5) }, () => {
      const host = prng.pick(hosts);
      return user(`curator.${n + 1}@${NATIONAL_DOMAIN}`, `Директор ${host.shortName}`, "CURATOR", {}, host.id);
    });
    for (const [k, p] of parts.entries()) {
      const first = curators[k % curators.length]!;
      const second = prng.chance(0.08) ? prng.pick(curators) : first;
      const ids = second === first ? [first] : [first, second];
      people.curatorsOf.set(p, ids);
      if (!people.schoolAccount.has(p.school)) {
        const id = user(`school.${p.school.index + 1}@${NATIONAL_DOMAIN}`, `Директор ${p.school.shortName}`, "SCHOOL", { schoolId: p.school.id }, p.school.id);
        people.schoolAccount.set(p.school, id);
      }
    }
  }
  return people;
}
