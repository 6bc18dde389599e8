/**
 * `npx tsx test/e2e/examples/build/index.ts` writes the example workflows (test/e2e/examples/*.json) from the
 * builders in this folder; `--check` only compares and fails when a JSON file is out of date.
 */
import fs from 'fs';
import path from 'path';

import { buildBitrix24 } from './bitrix24';
import { buildDomo } from './domo';
import { buildRunn } from './runn';
import { buildUpsales } from './upsales';
import type { WorkflowJson } from './workflow';

export const EXAMPLES: Record<string, () => WorkflowJson> = {
	'bitrix24-task-sync.json': buildBitrix24,
	'domo-datasets.json': buildDomo,
	'runn-import.json': buildRunn,
	'upsales-sync.json': buildUpsales,
};

export const examplesDir = path.resolve(__dirname, '..');

export function render(workflow: WorkflowJson): string {
	return `${JSON.stringify(workflow, null, '\t')}\n`;
}

if (require.main === module) {
	const check = process.argv.includes('--check');
	let stale = 0;
	for (const [file, build] of Object.entries(EXAMPLES)) {
		const target = path.join(examplesDir, file);
		const text = render(build());
		const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
		if (current === text) continue;
		if (check) {
			stale++;
			process.stderr.write(`${file} is out of date: run npx tsx test/e2e/examples/build/index.ts\n`);
		} else {
			fs.writeFileSync(target, text);
			process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
		}
	}
	process.exit(stale ? 1 : 0);
}
