// Downloads of document versions: `/files/versions/<versionId>` streams a version's file to whoever may
// see the document (the same rule as the Document type), under its original (Cyrillic) name.
import { canSeeParticipation } from "../../auth/access.ts";
import type { FileRoute } from "../file/download.ts";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The download path of a document version, as the API hands it out. The file's own name is the last
 * segment: the browser's PDF viewer titles its tab and toolbar with it, not with the storage id.
 */
export const versionFilePath = (versionId: string, fileName?: string) => `/files/versions/${versionId}${fileName ? `/${encodeURIComponent(fileName)}` : ""}`;

export const versionFiles: FileRoute = {
  prefix: "/files/versions/",
  match(path) {
    // `/files/versions/<id>` or `/files/versions/<id>/<file name>`: the name is for people, the id decides.
    const m = /^\/files\/versions\/([^/]+)(?:\/[^/]*)?$/.exec(path);
    // A malformed escape (%E0%A4%A) is an unknown file like any other, not a server error.
    let id: string | null;
    try {
      id = m ? decodeURIComponent(m[1]!) : null;
    } catch {
      id = null;
    }
    return id && UUID_RE.test(id) ? id : null;
  },
  async resolve({ db, viewer }, versionId) {
    const version = await db.documentVersion.findUnique({
      where: { id: versionId },
      select: {
        file: { select: { sha256: true, mediaType: true, originalName: true } },
        document: { select: { participation: { select: { id: true, schoolId: true } } } },
      },
    });
    if (!version || !canSeeParticipation(viewer.read, version.document.participation)) return null;
    return { stored: version.file };
  },
};
