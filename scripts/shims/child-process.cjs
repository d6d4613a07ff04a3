// Bundled in place of node:child_process for commander, which loads it at start-up but needs it only
// for executable subcommands (flowsift has none): loading it costs ~6 ms of every flowsift start
// (it pulls in net, dgram and the streams). The real module is loaded on first use.
'use strict';
module.exports = new Proxy({}, { get: (_t, k) => require('node:child_process')[k] });
