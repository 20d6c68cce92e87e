/**
 * The baseline: a bare Fastify server with one route, run as its own process exactly like `palermo start`
 * (Node with the tsx loader), so the ratio isolates what Palermo does per request. Prints one JSON line
 * `{"ok":true,"url":...}` once listening, and stops on SIGTERM/SIGINT.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const url = await app.listen({ port: Number(process.env['PORT'] ?? 0), host: process.env['HOST'] ?? '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ ok: true, url })}\n`);

const stop = async (): Promise<void> => {
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
