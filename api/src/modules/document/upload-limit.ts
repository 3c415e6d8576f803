// The request-size limit of /graphql, counted while the body streams in: a larger body is refused
// (HTTP 413) as soon as it passes the limit, without reading the rest, whether or not it declared a
// Content-Length. Uploads (multipart) may be as large as a file plus its envelope; every other body
// (JSON operations) gets the small limit, so a plain query cannot carry megabytes of variables.
// Replaces yoga's built-in limit (same mechanics) to give a Russian message.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/** Room for the multipart envelope and the operation itself besides the file. */
export const MULTIPART_OVERHEAD = 256 * 1024;

const tooLargeFile = (fileLimit: number) =>
  new GraphQLError(`Файл больше допустимых ${Math.round(fileLimit / 1024 / 1024)} МБ`, {
    extensions: { code: "FILE_TOO_LARGE", http: { status: 413 } },
  });

const bodyTooLarge = (bodyLimit: number) =>
  new GraphQLError(
    `Запрос больше допустимых ${bodyLimit >= 1024 * 1024 ? `${Math.round(bodyLimit / 1024 / 1024)} МБ` : `${Math.round(bodyLimit / 1024)} КБ`}. Уменьшите переменные или разбейте запрос на части.`,
    { extensions: { code: "REQUEST_TOO_LARGE", http: { status: 413 } } },
  );

/** Limits multipart (upload) bodies to `fileLimit` plus the multipart overhead, and every other body to `bodyLimit`. */
export function useUploadLimit(fileLimit: number, bodyLimit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const upload = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
      const limit = upload ? fileLimit + MULTIPART_OVERHEAD : bodyLimit;
      const tooLarge = () => (upload ? tooLargeFile(fileLimit) : bodyTooLarge(bodyLimit));
      const declared = request.headers.get("content-length");
      if (declared != null) {
        if (!/^\d+$/.test(declared)) throw new GraphQLError("Неверный заголовок Content-Length", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
        if (Number(declared) > limit) throw tooLarge();
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => {
        const body = req.body;
        if (!body) return parse(req);
        let read = 0;
        let exceeded = false;
        const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const limited = body.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > limit) {
                exceeded = true;
                return controller.error(tooLarge());
              }
              controller.enqueue(chunk);
            },
          }),
        );
        // The multipart parser rewraps stream errors as "invalid multipart data" (400): say what happened.
        return Promise.resolve()
          .then(() => parse(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body: limited, duplex: "half" } as RequestInit)))
          .catch((e: unknown) => {
            throw exceeded ? tooLarge() : e;
          });
      });
    },
  };
}
