// Security headers on every response of the one server (issue 16.11). The app's Content-Security-Policy
// (with hashes of SvelteKit's inline scripts and frame-ancestors 'none') comes from SvelteKit's `csp`
// setting in web/vite.config.ts; these are the headers that do not depend on the page.
import type { IncomingMessage, ServerResponse } from "node:http";

/** One year, subdomains included: sent only over https, where a browser honours it. */
const HSTS = "max-age=31536000; includeSubDomains";

export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse, trustProxy: boolean) {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  // For browsers without CSP frame-ancestors; the app's pages also carry frame-ancestors 'none'.
  res.setHeader("x-frame-options", "DENY");
  const forwarded = trustProxy
    ? String(req.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]!
        .trim()
    : "";
  const https = forwarded ? forwarded === "https" : !!(req.socket as { encrypted?: boolean }).encrypted;
  if (https) res.setHeader("strict-transport-security", HSTS);
}
