// Downloads of question attachments: `/files/questions/<questionId>` streams the file to whoever may
// see the question (the same rule as the Question type). Unknown and not-visible ids answer the same 404.
import { canSeeQuestion } from "../../auth/access.ts";
import type { FileRoute } from "../file/download.ts";

const QUESTION_RE = /^\/files\/questions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The download path of a question's attachment. */
export const questionFilePath = (questionId: string) => `/files/questions/${questionId}`;

export const questionFiles: FileRoute = {
  prefix: "/files/questions/",
  match: (path) => QUESTION_RE.exec(path)?.[1] ?? null,
  async resolve({ db, viewer }, id) {
    const q = await db.question.findUnique({
      where: { id },
      select: { authorId: true, regionId: true, municipalityId: true, schoolId: true, level: true, attachment: { select: { sha256: true, mediaType: true, originalName: true } } },
    });
    if (!q?.attachment || !canSeeQuestion(viewer.read, viewer.id, q)) return null;
    return { stored: q.attachment };
  },
};
