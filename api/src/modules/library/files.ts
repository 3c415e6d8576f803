// Downloads of material versions: `/files/materials/<versionId>` streams the file to any signed-in user
// (the bank is open to every participant). Unknown ids answer 404.
import type { FileRoute } from "../file/download.ts";

const RE = /^\/files\/materials\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The download path of a material version's file. */
export const materialFilePath = (versionId: string) => `/files/materials/${versionId}`;

export const materialFiles: FileRoute = {
  prefix: "/files/materials/",
  match: (path) => RE.exec(path)?.[1] ?? null,
  async resolve({ db }, id) {
    const v = await db.materialVersion.findUnique({ where: { id }, select: { file: { select: { sha256: true, mediaType: true, originalName: true } } } });
    return v?.file ? { stored: v.file } : null;
  },
};
