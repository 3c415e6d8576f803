// Report downloads: `/files/reports/<report>.<csv|xlsx>?q=…` builds the export for the signed-in viewer
// (with that viewer's reach) on each request. A damaged or out-of-range query is a 400 in Russian.
import { DownloadRefused, type FileRoute } from "../file/download.ts";
import { buildExport, ExportInputError, KIND_OF_SLUG, parseExportQuery } from "./export.ts";

const PATH_RE = /^\/files\/reports\/([a-z-]+\.(?:csv|xlsx))$/;

export const reportFiles: FileRoute = {
  prefix: "/files/reports/",
  // Building an export is the expensive part: HEAD would build it only to drop it.
  methods: ["GET"],
  notFound: "Такого отчёта нет",
  match(path) {
    const name = PATH_RE.exec(path)?.[1];
    return name && KIND_OF_SLUG.has(name.replace(/\.(csv|xlsx)$/, "")) ? name : null;
  },
  async resolve(ctx, name, url) {
    const [slug, ext] = name.split(".") as [string, string];
    try {
      const args = parseExportQuery(KIND_OF_SLUG.get(slug)!, url.searchParams.get("q"));
      const file = await buildExport(ctx, ext === "csv" ? "CSV" : "XLSX", args);
      return { generated: { fileName: file.fileName, contentType: file.contentType, body: file.body } };
    } catch (e) {
      // Input the user (or a stale link) got wrong — the export's own checks or the filter's GraphQL validation.
      const message = e instanceof ExportInputError ? e.message : (e as { extensions?: { code?: string } }).extensions?.code ? (e as Error).message : null;
      if (message) throw new DownloadRefused(400, message);
      throw e;
    }
  },
};
