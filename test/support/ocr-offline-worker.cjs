/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker-thread entry, loaded by path */
// The tesseract.js worker entry with the network switched off: any fetch or socket from the OCR
// worker thread fails loudly, so a test passing through it proves OCR needs no download.
'use strict';
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const { parentPort } = require('node:worker_threads');
const refuse = (what) => () => {
  parentPort.postMessage({ ntkNetworkAttempt: what });
  throw new Error(`network access from the OCR worker (${what})`);
};
globalThis.fetch = refuse('fetch');
net.connect = net.createConnection = refuse('net.connect');
http.request = http.get = refuse('http');
https.request = https.get = refuse('https');
require(require.resolve('tesseract.js/src/worker-script/node/index.js'));
