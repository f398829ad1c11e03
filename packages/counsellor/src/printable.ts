/**
 * Text from outside (a relay's answers, a decrypted request, a file name, an error that quotes
 * either) must never steer the counsellor's terminal: an escape sequence can clear or fake the
 * screen, set the window title, plant a link (OSC 8) or write the clipboard (OSC 52); a bidi
 * override can make text read backwards; a zero-width character can hide a difference. Every
 * character of that kind becomes U+FFFD, so a person sees that something odd was there.
 *
 * The CLI sends everything it prints through printable() (see safeOutput in commands/output.ts),
 * so no command has to remember it.
 */

/** The placeholder a person sees where an unsafe character was. */
const PLACEHOLDER = '\ufffd';

// C0 controls except tab and line feed, DEL, C1 controls; soft hyphen, Arabic letter mark,
// Mongolian vowel separator; zero-width space/joiners, LRM/RLM, line/paragraph separators, bidi
// embeddings and overrides (U+202A-202E), word joiner and invisible operators, bidi isolates
// (U+2066-2069), deprecated format characters (U+206A-206F), BOM/ZWNBSP, interlinear annotation
// characters, the invisible tag characters, and lone surrogates (paired ones are one code point
// under the u flag, so only lone ones match).
const UNSAFE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]|[\ud800-\udfff]/gu;

/**
 * The text with every unsafe character replaced by U+FFFD. Tab is kept; line feed is kept only
 * with `multiline` (in a single-line field a line break could fake a line of output).
 */
export function printable(text: string, options: { multiline?: boolean } = {}): string {
  const safe = text.replace(UNSAFE, PLACEHOLDER);
  return options.multiline ? safe : safe.replace(/\n/g, PLACEHOLDER);
}

/**
 * JSON for programs, with every unsafe character written as a \uXXXX escape: the data is kept
 * exactly (JSON.parse gives it back) and the text itself holds nothing a terminal acts on.
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (char) =>
    Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}
