// Loaded into n8n with `NODE_OPTIONS=--require` for the built-in Harvest node's runs only: that node has
// https://api.harvestapp.com hard-coded, so its host names are answered with 127.0.0.1, where the
// benchmark's HTTPS forwarder listens. Every other name goes to the real resolver. Plain CommonJS because it runs
// inside n8n's own Node, before anything else is loaded.
'use strict';
const dns = require('dns');

const hosts = new Set(
	String(process.env.HARVEST_BENCH_HOSTS || 'api.harvestapp.com,id.getharvest.com')
		.split(',')
		.map((h) => h.trim().toLowerCase())
		.filter(Boolean),
);
const LOOPBACK = { address: '127.0.0.1', family: 4 };

function normalise(options) {
	if (typeof options === 'number') return { family: options };
	return options || {};
}

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
	if (typeof options === 'function') {
		callback = options;
		options = {};
	}
	options = normalise(options);
	if (!hosts.has(String(hostname).toLowerCase())) return originalLookup.call(dns, hostname, options, callback);
	// Node's connection code asks for `all: true` (happy eyeballs) and then expects an array.
	if (options.all) process.nextTick(callback, null, [LOOPBACK]);
	else process.nextTick(callback, null, LOOPBACK.address, LOOPBACK.family);
	return {};
};

const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
	options = normalise(options);
	if (!hosts.has(String(hostname).toLowerCase())) return originalPromiseLookup.call(dns.promises, hostname, options);
	return options.all ? [LOOPBACK] : LOOPBACK;
};
