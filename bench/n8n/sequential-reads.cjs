// Loaded into n8n with `NODE_OPTIONS=--require` for the "one page at a time" runs only: when n8n loads this
// package's transport, its `pageReading.concurrency` is set to 1, so the same build reads the pages of a list
// one after another. Everything else (n8n, the package, the workflow) is as in the other runs.
const Module = require('module');

const load = Module._load;
Module._load = function loadWithSequentialReads(request, parent, isMain) {
	const exported = load.call(this, request, parent, isMain);
	const fromPackage = parent && typeof parent.filename === 'string' && parent.filename.includes('n8n-nodes-harvestapp');
	if (fromPackage && exported && exported.pageReading && typeof exported.pageReading.concurrency === 'number') {
		exported.pageReading.concurrency = 1;
	}
	return exported;
};
