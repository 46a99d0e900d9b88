// What hostile clients cost the server: resident memory around 16 parallel gzip bombs and a 4 GB
// chunked stream, and the latency of /api/v1/health for another client while 300 slow sockets hold
// on. Figures, not assertions (tests/api/hardening.test.mjs asserts the outcomes).
//   BLANKETT_BIN=build/release/cli/blankett node bench/server/hostile.mjs
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { Server, streamChunked } from '../../tests/api/server.mjs';

const MB = 1 << 20;

function post(base, path, headers, body) {
  const url = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve('error'));
    req.end(body);
  });
}

async function health(base, localAddress) {
  const url = new URL(base);
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    http.get({ host: url.hostname, port: url.port, path: '/api/v1/health', localAddress, agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await Server.start();
try {
  const mb = () => (server.rss() / MB).toFixed(1);
  console.log(`resident at start: ${mb()} MB`);

  // 1 GB of zeros through gzip -9 as one stream, as `head -c 1G /dev/zero | gzip -9` makes it.
  const gz = zlib.createGzip({ level: 9 });
  const parts = [];
  gz.on('data', (d) => parts.push(d));
  const done = new Promise((resolve) => gz.on('end', resolve));
  for (let i = 0; i < 1024; ++i) if (!gz.write(Buffer.alloc(MB))) await new Promise((resolve) => gz.once('drain', resolve));
  gz.end();
  await done;
  const bomb = Buffer.concat(parts);
  const t0 = performance.now();
  const statuses = await Promise.all(Array.from({ length: 16 }, () => post(server.base, '/api/v1/citizen/login',
    { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': bomb.length }, bomb)));
  console.log(`16 gzip bombs (${(bomb.length / MB).toFixed(2)} MB each, 1 GB expanded): ${[...new Set(statuses)]} in ` +
              `${(performance.now() - t0).toFixed(0)} ms; resident ${mb()} MB`);

  const t1 = performance.now();
  const { status, sent } = await streamChunked(server.base, '/api/v1/staff/login', 4096 * MB);
  console.log(`chunked stream of up to 4 GB: ${status} after ${(sent / MB).toFixed(1)} MB sent, ` +
              `${(performance.now() - t1).toFixed(0)} ms; resident ${mb()} MB`);

  const url = new URL(server.base);
  const quiet = [];
  for (let i = 0; i < 20; ++i) quiet.push(await health(server.base, '127.0.0.2'));
  const sockets = [];
  const started = [];
  for (let i = 0; i < 300; ++i) {
    const s = net.connect({ host: url.hostname, port: Number(url.port), localAddress: '127.0.0.1' });
    s.on('error', () => {});
    started.push(new Promise((resolve) => {
      s.on('connect', () => s.write(`POST /api/v1/staff/login HTTP/1.1\r\nHost: ${url.host}\r\n`, resolve));
      s.on('close', resolve);
    }));
    sockets.push(s);
  }
  await Promise.all(started);
  const busy = [];
  for (let i = 0; i < 20; ++i) busy.push(await health(server.base, '127.0.0.2'));
  console.log(`health from another address: median ${median(quiet).toFixed(2)} ms alone, ` +
              `${median(busy).toFixed(2)} ms (max ${Math.max(...busy).toFixed(2)} ms) beside 300 slow sockets; resident ${mb()} MB`);
  for (const s of sockets) s.destroy();
} finally {
  await server.close();
}
