/**
 * Preloaded into Caliper's manager and workers (NODE_OPTIONS=--require, see run.sh). Caliper picks
 * its Fabric connector by require()-ing each SDK it knows, and Node's resolution walks up from
 * bench/caliper/node_modules to the repository's own node_modules, which holds fabric-network
 * (for test/integration/fabric-network-sdk.test.ts). Caliper then reports "Multiple bindings for
 * fabric". Inside Caliper, only the bound SDK (@hyperledger/fabric-gateway) may be found.
 */
'use strict';
const Module = require('node:module');

const NOT_BOUND = new Set(['fabric-network', 'fabric-client', 'fabric-ca-client']);
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveOnlyBoundSdk(request, ...rest) {
  if (NOT_BOUND.has(request)) {
    const error = new Error(`Cannot find module '${request}'`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolve.call(this, request, ...rest);
};
