// The materials bank's rows of the access matrix (matrix.test.ts spreads them in). A material of region 75
// owned by this file. Everyone signed in reads the bank; the federal coordinator publishes anywhere, a
// regional coordinator for its region; the rest (observers included) are refused.
import { expect } from "vitest";
import type { TestServer } from "../../testkit/server.ts";
import { gid } from "../../testkit/seed.ts";

type Role = string;
interface RoleFacts {
  all: boolean;
  kind?: string;
  regionId?: string;
  writes: boolean;
}
export interface LibraryHelpers {
  s: () => TestServer;
  as: (role: Role) => { token: string | undefined };
  who: (role: Role) => RoleFacts;
  userId: (role: Role) => string | undefined;
  mutation: (field: string, params: string, args: string, data?: string) => string;
}

export function libraryMatrix(h: LibraryHelpers) {
  let material = { id: "", regionId: "" };
  let regions = { r75: "", r62: "" };

  async function setup(facts: { r75: string; r62: string }) {
    regions = facts;
    const fed = h.userId("fioco@demo.medk.ru")!;
    const m = await h.s().db.material.create({
      data: {
        kind: "TEMPLATE",
        title: "Матрица доступа: шаблон",
        url: "https://example.org/a",
        regionId: facts.r75,
        publishedById: fed,
        versions: { create: { number: 1, url: "https://example.org/a", createdById: fed } },
      },
    });
    material = { id: m.id, regionId: facts.r75 };
  }
  async function teardown() {
    await h.s().db.material.deleteMany({ where: { title: { startsWith: "Матрица доступа" } } });
  }
  const publishes = (role: Role, regionId: string) => {
    if (role === "anonymous") return false;
    const r = h.who(role);
    return r.writes && (r.all || (r.kind === "REGIONAL_COORDINATOR" && r.regionId === regionId));
  };
  const denied = (role: Role) => (role === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN");
  const signedIn = (role: Role, r: { errors?: { extensions?: { code?: string } }[] }) => {
    if (role === "anonymous") {
      expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      return false;
    }
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return true;
  };

  const checks: Record<string, (role: Role) => Promise<void>> = {
    materials: async (role) => {
      const r = await h.s().gql(`{ materials(text: "Матрица доступа шаблон", first: 50) { total materials { id } } }`, {}, h.as(role));
      if (signedIn(role, r)) expect((r.data as any).materials.materials.map((m: any) => m.id)).toContain(gid("Material", material.id));
    },
    material: async (role) => {
      const r = await h.s().gql(`query($id: ID!) { material(id: $id) { id } }`, { id: gid("Material", material.id) }, h.as(role));
      if (signedIn(role, r)) expect((r.data as any).material?.id).toBe(gid("Material", material.id));
    },
    publishMaterial: async (role) => {
      const db = h.s().db;
      for (const regionId of [regions.r75, regions.r62]) {
        const before = await db.material.count();
        const r = await h
          .s()
          .gql(
            h.mutation("publishMaterial", "$i: PublishMaterialInput!", "input: $i", "id"),
            { i: { kind: "TEMPLATE", title: "Матрица доступа: новый", url: "https://example.org/new", regionId: gid("Region", regionId) } },
            h.as(role),
          );
        if (publishes(role, regionId)) {
          const id = (r.data as any)?.publishMaterial?.data?.id;
          expect(id, `${role} publishes: ${JSON.stringify(r)}`).toBeTruthy();
          const uuid = Buffer.from(id, "base64").toString().split(":")[1]!;
          await db.auditEvent.deleteMany({ where: { entityId: uuid } });
          await db.material.delete({ where: { id: uuid } });
        } else {
          expect(r.errors?.[0]?.extensions?.code, `${role} may not publish`).toBe(denied(role));
          expect(await db.material.count()).toBe(before);
        }
      }
    },
    addMaterialVersion: async (role) => {
      const db = h.s().db;
      const r = await h
        .s()
        .gql(
          h.mutation("addMaterialVersion", "$i: AddMaterialVersionInput!", "input: $i", "currentVersion { number }"),
          { i: { materialId: gid("Material", material.id), url: "https://example.org/b" } },
          h.as(role),
        );
      if (publishes(role, material.regionId)) {
        expect((r.data as any)?.addMaterialVersion?.data?.currentVersion?.number, JSON.stringify(r)).toBe(2);
        await db.materialVersion.deleteMany({ where: { materialId: material.id, number: { gt: 1 } } });
        await db.material.update({ where: { id: material.id }, data: { url: "https://example.org/a" } });
      } else {
        expect(r.errors?.[0]?.extensions?.code, `${role} may not add a version`).toBe(denied(role));
        expect(await db.materialVersion.count({ where: { materialId: material.id } })).toBe(1);
      }
    },
  };
  return { setup, teardown, checks };
}
