/**
 * The Content-Security-Policy of every Rapport page, in Electron and in the browser preview: only the
 * app's own scripts; inline styles because Mantine injects its CSS variables in style tags.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for the page's own `<meta>` tag (file:// pages in Electron get no headers): without
 * `frame-ancestors`, which only works as a header and makes browsers log an error on every load when a
 * meta tag carries it. The headers (preview server, Electron's session) send the whole policy.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
