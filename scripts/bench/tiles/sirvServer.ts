/**
 * sirv with its precompressed-file support on (.br / .gz by Accept-Encoding), on a bare
 * node:http server. Child process of ../tiles.ts:
 *   BENCH_ROOT=<folder> PORT=<port> node --import tsx sirvServer.ts
 */
import { createServer } from 'node:http';
import sirv from 'sirv';

const root = process.env.BENCH_ROOT;
if (!root) throw new Error('BENCH_ROOT is not set');

const serve = sirv(root, { gzip: true, brotli: true, etag: true, maxAge: 31_536_000, immutable: true });
createServer((req, res) => void serve(req, res)).listen(Number(process.env.PORT), '127.0.0.1');
