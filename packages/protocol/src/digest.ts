/** `sha256:` and the hex SHA-256 of a text's UTF-8 bytes, the form used for tokens and terms. */
export async function sha256Label(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
