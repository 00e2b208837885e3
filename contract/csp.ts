/**
 * Content-Security-Policy for every page we serve (the app's windows, and the head office's dashboard): only our own
 * scripts and styles, no inline script, no eval, no plugins, no framing, no network but our own origin.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");
