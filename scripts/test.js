#!/usr/bin/env node
// `npm test`: every check CI relies on, in order of cost, with one closing "N passed, N failed" line.
// Stages: type check, lint, build, jest (unit + sandbox + node tests), n8n's own tooling, then the real-n8n tiers
// (e2e on the main pin, deploy in queue mode, and the smoke on every supported n8n version).
// Set HARVESTAPP_SKIP_E2E=1 to skip the real-n8n tiers while iterating locally (CI never sets it).
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;
const problems = [];

function run(label, command, args, options = {}) {
	const started = Date.now();
	process.stdout.write(`\n== ${label}\n`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env, ...options });
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const ok = result.status === 0;
	process.stdout.write(`== ${label}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s\n`);
	if (!ok) problems.push(label);
	return ok;
}

function check(label, command, args) {
	if (run(label, command, args)) passed++;
	else failed++;
}

check('type check', bin('tsc'), ['-p', 'tsconfig.test.json', '--noEmit']);
check('lint', bin('eslint'), ['--no-inline-config', '--max-warnings', '0', 'package.json', 'nodes', 'credentials']);
check('build', 'npm', ['run', 'build', '--silent']);

const jestReport = path.join(os.tmpdir(), `harvestapp-jest-${process.pid}.json`);
const jestOk = run('jest', bin('jest'), ['--ci', '--json', `--outputFile=${jestReport}`]);
try {
	const report = JSON.parse(fs.readFileSync(jestReport, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests + (report.numRuntimeErrorTestSuites || 0);
	fs.rmSync(jestReport, { force: true });
} catch {
	failed++;
}
if (!jestOk && !problems.includes('jest')) problems.push('jest');

/** A tier with its own runner (tsx <runner> --report <file>) that reports {"passed","failed"}. */
function tier(label, runner) {
	if (!fs.existsSync(runner)) {
		// A tier whose runner vanished must not pass by being skipped.
		process.stdout.write(`\n== ${label}: FAILED (no runner at ${path.relative(root, runner)})\n`);
		problems.push(label);
		failed++;
		return;
	}
	const report = path.join(os.tmpdir(), `harvestapp-tier-${process.pid}.json`);
	const ok = run(label, bin('tsx'), [runner, '--report', report]);
	try {
		const counts = JSON.parse(fs.readFileSync(report, 'utf8'));
		passed += counts.passed;
		failed += counts.failed;
		fs.rmSync(report, { force: true });
	} catch {
		failed++;
	}
	if (!ok && !problems.includes(label)) problems.push(label);
}

// n8n's own tooling (scanner, n8n-node lint and build, tarball, workflows, release script); no n8n server needed.
tier("n8n's tooling (verification)", path.join(root, 'test', 'verification', 'run.ts'));

if (process.env.HARVESTAPP_SKIP_E2E === '1') {
	process.stdout.write('\n== real-n8n tiers skipped (HARVESTAPP_SKIP_E2E=1)\n');
} else {
	tier('real n8n (e2e)', path.join(root, 'test', 'e2e', 'run.ts'));
	// Queue mode: Postgres and Redis from Debian's packages, one main and two workers, crash runs (test/deploy).
	tier('queue mode (deploy)', path.join(root, 'test', 'deploy', 'run.ts'));
	// The smoke on every supported n8n version (test/versions), after the other tiers rather than beside them:
	// a cold n8n install needs ~3 GB of memory while npm runs.
	tier('n8n versions (smokes)', path.join(root, 'test', 'versions', 'run.ts'));
}

if (problems.length) process.stdout.write(`\nFailed stages: ${problems.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(problems.length || failed ? 1 : 0);
