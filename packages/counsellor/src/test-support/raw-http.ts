// A small real HTTP server on loopback that answers with exactly the bytes a test gives it: a
// hostile relay can send a status text, headers and bodies that no well-behaved server library
// would let through.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

export interface RawServer {
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RawRequest[];
  close(): Promise<void>;
}

/** A raw response: status line parts, headers and body, written as given (latin1 for the head). */
export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export async function rawServer(answer: (request: RawRequest) => RawResponse): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const server: Server = createServer((socket) => {
    let head = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      head += chunk;
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      const [requestLine = '', ...headerLines] = head.slice(0, end).split('\r\n');
      const [method = '', path = ''] = requestLine.split(' ');
      const auth = headerLines.find((l) => /^authorization:/i.test(l))?.replace(/^authorization:\s*/i, '');
      const request = { method, path, authorization: auth };
      requests.push(request);
      head = '';
      const response = answer(request);
      const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : (response.body ?? Buffer.alloc(0));
      const headers = { 'content-length': String(body.length), connection: 'close', ...response.headers };
      const text = `HTTP/1.1 ${response.status} ${response.statusText}\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n`;
      socket.write(Buffer.from(text, 'latin1'));
      socket.end(body);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
