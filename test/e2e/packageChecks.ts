// What "n8n loaded the package" means, checked the same way by the e2e tier and the version smokes: the node and
// credential types are registered under the package's name, their icons are served, and n8n's log has nothing
// to say about the package.
import assert from 'assert/strict';

import { cacheRoot } from './env';
import { packageName } from './paths';
import type { Rest } from './rest';

interface NodeTypeEntry {
	name: string;
	displayName: string;
	iconUrl?: string | { light?: string; dark?: string };
}

export async function assertPackageRegistered(rest: Rest, options: { toolVariant: boolean }): Promise<void> {
	const list = (await rest.request<NodeTypeEntry[]>('GET', '/types/nodes.json')).body ?? [];
	const ours = list.filter((n) => n.name.startsWith(`${packageName}.`));
	const names = ours.map((n) => n.name).sort();
	const expected = ['harvestApp', 'harvestAppTrigger', ...(options.toolVariant ? ['harvestAppTool'] : [])];
	for (const node of expected) {
		assert.ok(names.includes(`${packageName}.${node}`), `node type ${node} not registered (have ${names.join(', ') || 'none'})`);
	}
	const display = Object.fromEntries(ours.map((n) => [n.name, n.displayName]));
	assert.equal(display[`${packageName}.harvestApp`], 'Harvest App');
	assert.equal(display[`${packageName}.harvestAppTrigger`], 'Harvest App Trigger');
	const credentials = (await rest.request<Array<{ name: string }>>('GET', '/types/credentials.json')).body ?? [];
	const credentialNames = credentials.map((c) => c.name);
	for (const credential of ['harvestAppApi', 'harvestAppOAuth2Api']) {
		assert.ok(credentialNames.includes(credential), `credential type ${credential} not registered`);
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
}

/** Lines of an n8n server log that warn about the package or report a node that failed to load. */
export function packageLogProblems(serverLog: string): string[] {
	// The runtime cache folder is named after the package too; its paths in stack traces are not about us.
	const lines = serverLog.split(cacheRoot()).join('<cache>').split('\n');
	return lines.filter(
		(line) =>
			(/harvest/i.test(line) && /(warn|error|fail|deprecat|could not|cannot|unable)/i.test(line)) ||
			/error (loading|while loading)|failed to load/i.test(line),
	);
}
