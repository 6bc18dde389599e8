#!/usr/bin/env node
// `npm run bench`: see bench/README.md. Runs on the system Node; the benchmark starts n8n on Node 24 itself.
const { spawnSync } = require('child_process');
const path = require('path');
const root = path.resolve(__dirname, '..');
const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'bench', 'run.ts'), ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
});
process.exit(result.status ?? 1);
