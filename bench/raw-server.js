'use strict';

/**
 * node bench/raw-server.js <file> <port>: a bare Node http server answering every request with
 * the bytes of <file> as JSON: the most this machine can serve those bytes at. Run in its own
 * process, like the CMS, so it does not share an event loop with the load generator.
 */
const fs = require('node:fs');
const http = require('node:http');

const [file, port] = process.argv.slice(2);
const bytes = fs.readFileSync(file);
http
  .createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
    response.end(bytes);
  })
  .listen(Number(port), '127.0.0.1', () => process.send?.('ready'));
