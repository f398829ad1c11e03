/**
 * Where the CLI's output goes. Every text the commands print passes through printable() here, the
 * one place: whatever a relay, a request or a file name carried, no escape sequence, bidi override
 * or invisible character reaches the terminal.
 */
import { printable } from '../printable.js';

interface Output {
  readonly isTTY: boolean;
  /** Writes text made safe to print; tab and line breaks stay. */
  write(text: string): void;
  /** Rewrites the current terminal line (progress): the one carriage return the tool writes itself. */
  status(text: string): void;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: NodeJS.ProcessEnv;
}

/** The process's streams, as main() gets them. */
export interface Streams {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

function safeOutput(stream: Streams['stdout']): Output {
  return {
    isTTY: Boolean(stream.isTTY),
    write: (text) => void stream.write(printable(text, { multiline: true })),
    status: (text) => void stream.write(`\r${printable(text)}`),
  };
}

export function safeIo(streams: Streams): Io {
  return { stdout: safeOutput(streams.stdout), stderr: safeOutput(streams.stderr), env: streams.env };
}
