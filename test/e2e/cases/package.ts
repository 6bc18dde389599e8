// Packaging (point 6): what the tarball holds, and that n8n loads it from the community folder cleanly.
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';

import type { E2EContext } from '../context';
import { cacheRoot } from '../env';
import type { Case } from '../harness';
import { packageName, repoRoot } from '../paths';

const ALWAYS_ALLOWED = new Set(['package.json', 'README.md', 'LICENSE', 'LICENSE.md']);

interface NodeTypeEntry {
	name: string;
	displayName: string;
	iconUrl?: string | { light?: string; dark?: string };
	usableAsTool?: boolean;
}

export const packageCases: Array<Case<E2EContext>> = [
	{
		name: 'package: tarball holds only dist, README, LICENSE and the manifest',
		run: async ({ pack }) => {
			const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
				main?: string;
				n8n: { nodes: string[]; credentials: string[] };
				dependencies?: Record<string, string>;
			};
			const allowed = (file: string) =>
				ALWAYS_ALLOWED.has(file) || file === manifest.main || file.startsWith('dist/');
			const stray = pack.files.filter((file) => !allowed(file));
			assert.deepEqual(stray, [], `files users do not need: ${stray.join(', ')}`);
			const sources = pack.files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'));
			assert.deepEqual(sources, [], 'TypeScript sources in the tarball');
			const tests = pack.files.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.test\.js$/.test(f));
			assert.deepEqual(tests, [], 'test files in the tarball');
			for (const required of ['README.md', 'LICENSE', ...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
				assert.ok(pack.files.includes(required), `${required} missing from the tarball`);
			}
			assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [], 'runtime dependencies (n8n would have to install them)');
		},
	},
	{
		name: 'package: n8n registers both nodes, the AI tool variant and both credentials',
		run: async ({ rest }) => {
			const list = (await rest.request<NodeTypeEntry[]>('GET', '/types/nodes.json')).body ?? [];
			const ours = list.filter((n) => n.name.startsWith(`${packageName}.`));
			const names = ours.map((n) => n.name).sort();
			for (const expected of ['harvestApp', 'harvestAppTool', 'harvestAppTrigger']) {
				assert.ok(names.includes(`${packageName}.${expected}`), `node type ${expected} not registered (have ${names.join(', ')})`);
			}
			const display = Object.fromEntries(ours.map((n) => [n.name, n.displayName]));
			assert.equal(display[`${packageName}.harvestApp`], 'Harvest App');
			assert.equal(display[`${packageName}.harvestAppTrigger`], 'Harvest App Trigger');
			const credentials = (await rest.request<Array<{ name: string }>>('GET', '/types/credentials.json')).body ?? [];
			const credentialNames = credentials.map((c) => c.name);
			for (const expected of ['harvestAppApi', 'harvestAppOAuth2Api']) {
				assert.ok(credentialNames.includes(expected), `credential type ${expected} not registered`);
			}
			// Icons are served from the package folder; a wrong path shows a broken image in the editor.
			for (const node of ours) {
				const urls = typeof node.iconUrl === 'string' ? [node.iconUrl] : Object.values(node.iconUrl ?? {});
				assert.ok(urls.length > 0, `${node.name} has no icon`);
				for (const url of urls) {
					const response = await rest.request<string>('GET', `/${String(url).replace(/^\//, '')}`);
					assert.equal(response.status, 200, `icon ${url} of ${node.name}: HTTP ${response.status}`);
				}
			}
		},
	},
	{
		name: 'package: n8n log has no warnings or errors about the package',
		// After everything else, so the log covers the whole run.
		lane: 'last',
		run: async ({ serverLog }) => {
			// The runtime cache folder is named after the package too; its paths in stack traces are not about us.
			const lines = serverLog().split(cacheRoot()).join('<cache>').split('\n');
			const suspicious = lines.filter(
				(line) => /harvest/i.test(line) && /(warn|error|fail|deprecat|could not|cannot|unable)/i.test(line),
			);
			assert.deepEqual(suspicious, [], 'log lines about the package');
			const loadErrors = lines.filter((line) => /error (loading|while loading)|failed to load/i.test(line));
			assert.deepEqual(loadErrors, [], 'node loading errors in the log');
		},
	},
];
