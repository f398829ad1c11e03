// Subresource Integrity: the hash a browser checks a script against before it runs it.
import { createHash } from 'node:crypto';

/** The SRI value (sha384, base64) of `code`, for an integrity="…" attribute. */
export const sri = (code) => `sha384-${createHash('sha384').update(code).digest('base64')}`;
