#!/usr/bin/env node
// `npm start`: build the package, then run test/e2e/start.ts, which starts the Harvest sandbox with demo data
// and a real n8n (cached outside the repo, installed on first use) with this package, a ready credential
// and the example workflows. With `-- --queue`, test/deploy/start.ts does the same in queue mode.
// Ctrl-C stops everything it started.
const { spawn, spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

process.stdout.write('Building the package …\n');
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
	process.stderr.write('npm start: the build failed\n');
	process.exit(build.status || 1);
}

// `npm start -- --queue [--durable]`: the same demo in n8n's queue mode (Postgres, Redis, a main, two workers).
const queue = process.argv.includes('--queue');
const entry = queue ? path.join(root, 'test', 'deploy', 'start.ts') : path.join(root, 'test', 'e2e', 'start.ts');
const child = spawn(bin('tsx'), [entry, ...process.argv.slice(2).filter((a) => a !== '--queue')], { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches the child too (same terminal process group); wait for it to stop what it started.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		if (signal !== 'SIGINT') child.kill(signal);
	});
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
