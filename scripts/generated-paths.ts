// `prisma generate` writes the absolute path of the checkout into the generated client
// (internal/class.ts: the generator's output and the schema's path). Only the relative parts are read at
// run time, but the absolute ones would make every checkout's `pnpm generate` differ from the committed
// files: write them relative to the repository root instead.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const file = new URL("../prisma/generated/client/internal/class.ts", import.meta.url);
const text = readFileSync(file, "utf8");
const fixed = text.split(JSON.stringify(root).slice(1, -1)).join("");
if (fixed !== text) writeFileSync(file, fixed);
