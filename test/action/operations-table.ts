/**
 * The README's operations table, generated from the catalogue (group, method, path, summary) and from what
 * the coverage test saw each node operation send, so the table cannot claim an operation the node lacks.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../../nodes/shared/catalogue';

export const TABLE_START = '<!-- operations:start -->';
export const TABLE_END = '<!-- operations:end -->';

/** What a download fetches, by the address template the coverage run saw. */
const FILES: Record<string, string> = {
	'GET {web}/client/invoices/{clientKey}.pdf': 'The invoice PDF at its client link (documented)',
	'GET {web}/client/estimates/{clientKey}.pdf': 'The estimate PDF at its client link (`.pdf` form UNCONFIRMED)',
	'GET {receipt.url}': 'The expense receipt at the URL its record gives',
};

/**
 * `sent`: endpoint key (`GET /clients`) and the `resource.operation` that sent it; `downloads`: files fetched
 * from the account's web address (`{web}` is Company `base_uri`), listed after the endpoints.
 */
export function operationsTable(
	properties: INodeProperties[],
	sent: Array<{ key: string; operation: string }>,
	downloads: Array<{ key: string; operation: string }> = [],
): string {
	const resourceNames = new Map(
		((properties.find((p) => p.name === 'resource')?.options ?? []) as INodePropertyOptions[]).map((o) => [String(o.value), o.name]),
	);
	const operationNames = new Map<string, string>();
	for (const selector of properties.filter((p) => p.name === 'operation')) {
		const resource = String(selector.displayOptions?.show?.resource?.[0]);
		for (const option of (selector.options ?? []) as INodePropertyOptions[]) {
			operationNames.set(`${resource}.${String(option.value)}`, option.name);
		}
	}
	const byEndpoint = new Map<string, Set<string>>();
	for (const { key, operation } of sent) {
		if (!byEndpoint.has(key)) byEndpoint.set(key, new Set());
		byEndpoint.get(key)!.add(operation);
	}
	const label = (operation: string): string => {
		const [resource] = operation.split('.');
		return `${resourceNames.get(resource) ?? resource} → ${operationNames.get(operation) ?? operation}`;
	};
	const lines = [
		TABLE_START,
		`All ${ENDPOINTS.length} Harvest API v2 endpoints, and the node operations that send them. Anything else: **Custom API Call**.`,
		'',
		'| Group | Endpoint | What it does | Harvest App operations |',
		'| --- | --- | --- | --- |',
	];
	for (const endpoint of ENDPOINTS) {
		const key = `${endpoint.method} ${endpoint.path}`;
		const operations = [...(byEndpoint.get(key) ?? [])].map(label).sort();
		lines.push(
			`| ${endpoint.group} | \`${key}\` | ${endpoint.summary} | ${operations.length ? operations.join('<br>') : '—'} |`,
		);
	}
	if (downloads.length) {
		lines.push('', 'Files outside the API, downloaded to binary without the token (it goes to the API host only):', '', '| File | Address | Harvest App operations |', '| --- | --- | --- |');
		for (const key of Object.keys(FILES)) {
			const operations = [...new Set(downloads.filter((d) => d.key === key).map((d) => d.operation))].map(label).sort();
			lines.push(`| ${FILES[key]} | \`${key}\` | ${operations.length ? operations.join('<br>') : '—'} |`);
		}
	}
	lines.push(TABLE_END);
	return lines.join('\n');
}

/** The README with its operations section replaced. */
export function withTable(readme: string, table: string): string {
	const start = readme.indexOf(TABLE_START);
	const end = readme.indexOf(TABLE_END);
	if (start < 0 || end < start) throw new Error(`README.md lacks the ${TABLE_START} … ${TABLE_END} markers`);
	return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}
