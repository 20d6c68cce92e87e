import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The test environment's window (happy-dom), whose address a test may set. */
interface HappyDomWindow {
  readonly happyDOM: { setURL(url: string): void };
}

/** What a test's server answers to one request. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly headers?: Record<string, string>;
}

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * A real HTTP server on a free local port that answers each request with what the test says, and records what it
 * received; the page's address is set to it, so the client's relative paths reach it through happy-dom's fetch.
 */
export async function startAnsweringServer(answer: (request: Received) => Answer): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(record);
      const reply = answer(record);
      const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      response.writeHead(reply.status, { 'content-type': reply.text === undefined ? 'application/json' : 'text/plain', ...reply.headers });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  (window as unknown as HappyDomWindow).happyDOM.setURL(`${url}/`);
  return {
    url,
    received,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
