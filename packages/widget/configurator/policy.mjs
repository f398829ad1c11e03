// The Content Security Policy the configurator page is served with (npm start uses it; a provider
// hosting dist/configurator sets the same header). Like the intranet's, except that it must reach
// whichever relay is typed in: any https:// origin, and http:// only on this machine.
export const CONFIGURATOR_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  'connect-src https: http://localhost:* http://127.0.0.1:*',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
