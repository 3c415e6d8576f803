// Every kind of file served under /files/, in one list for the one download handler.
import { questionFiles } from "../consultation/files.ts";
import { versionFiles } from "../document/files.ts";
import { materialFiles } from "../library/files.ts";
import { pdfCopyFiles, pdfLiveFiles } from "../pdf/files.ts";
import { reportFiles } from "../report/files.ts";
import { evidenceFiles, roadmapExportFiles } from "../roadmap/files.ts";
import type { FileRoute } from "./download.ts";

export const FILE_ROUTES: readonly FileRoute[] = [versionFiles, evidenceFiles, roadmapExportFiles, reportFiles, questionFiles, materialFiles, pdfCopyFiles, pdfLiveFiles];
