/**
 * express.static as an Express 5 app usually serves files (identity bytes, weak ETag), with the
 * same long-lived Cache-Control as the other servers. Child process of ../tiles.ts:
 *   BENCH_ROOT=<folder> PORT=<port> node --import tsx expressStaticServer.ts
 */
import express from 'express';

const root = process.env.BENCH_ROOT;
if (!root) throw new Error('BENCH_ROOT is not set');

const app = express();
app.disable('x-powered-by');
app.use(express.static(root, { maxAge: '1y', immutable: true }));
app.listen(Number(process.env.PORT), '127.0.0.1', (error?: Error) => {
  if (error) throw error;
});
