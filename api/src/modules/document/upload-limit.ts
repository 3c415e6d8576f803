// The request-size limit of /graphql, counted while the body streams in: a larger upload is refused
// (HTTP 413) as soon as it passes the limit, without reading the rest, whether or not it declared a
// Content-Length. Replaces yoga's built-in limit (same mechanics) to give a Russian message.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/** Room for the multipart envelope and the operation itself besides the file. */
export const MULTIPART_OVERHEAD = 256 * 1024;

const tooLarge = (fileLimit: number) =>
  new GraphQLError(`Файл больше допустимых ${Math.round(fileLimit / 1024 / 1024)} МБ`, {
    extensions: { code: "FILE_TOO_LARGE", http: { status: 413 } },
  });

/** Limits request bodies to `fileLimit` plus the multipart overhead. */
export function useUploadLimit(fileLimit: number): Plugin {
  const limit = fileLimit + MULTIPART_OVERHEAD;
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get("content-length");
      if (declared != null) {
        if (!/^\d+$/.test(declared))
          throw new GraphQLError("Неверный заголовок Content-Length", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
        if (Number(declared) > limit) throw tooLarge(fileLimit);
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
                return controller.error(tooLarge(fileLimit));
              }
              controller.enqueue(chunk);
            },
          }),
        );
        // The multipart parser rewraps stream errors as "invalid multipart data" (400): say what happened.
        return Promise.resolve()
          .then(() =>
            parse(
              new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body: limited, duplex: "half" } as RequestInit),
            ),
          )
          .catch((e: unknown) => {
            throw exceeded ? tooLarge(fileLimit) : e;
          });
      });
    },
  };
}
