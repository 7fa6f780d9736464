// The fastest plain node:http target we can make: one process, a fixed 13-byte
// response with precomputed headers, keep-alive. Run as a child process so it does
// not share the load generator's event loop. Prints `PORT <n>` when listening.
import { createServer } from 'node:http';

const body = Buffer.from('hello, world\n');
const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
  res.end(body);
  req.resume();
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`PORT ${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0)) && server.closeAllConnections();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
