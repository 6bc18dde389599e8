// The example workflows as committed: written by their builders, each reaching its counterpart through the one
// base URL in its Settings node, with a sticky note that says what to change for production.
import fs from 'fs';
import path from 'path';

import { EXAMPLES, examplesDir, render } from '../../e2e/examples/build';
import { STAND_IN_ORIGIN } from '../../e2e/examples/build/workflow';

describe.each(Object.entries(EXAMPLES))('%s', (file, build) => {
	const workflow = build();

	test('the committed JSON is what its builder writes', () => {
		expect(fs.readFileSync(path.join(examplesDir, file), 'utf8')).toBe(render(workflow));
	});

	test('every HTTP Request goes to the base URL in Settings, with a counterpart credential', () => {
		const settings = workflow.nodes.find((n) => n.name === 'Settings')!;
		const urls = (settings.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments.filter((a) => /Url$/.test(a.name));
		expect(urls).toHaveLength(1);
		expect(String(urls[0].value).startsWith(STAND_IN_ORIGIN)).toBe(true);
		const requests = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.httpRequest');
		expect(requests.length).toBeGreaterThan(0);
		for (const node of requests) {
			expect(String(node.parameters.url)).toMatch(new RegExp(`^=\\{\\{ \\$\\('Settings'\\)\\.first\\(\\)\\.json\\.${urls[0].name} \\}\\}|^=\\{\\{ \\$\\('Settings'\\)\\.first\\(\\)\\.json\\.${urls[0].name} \\+`));
			expect(Object.keys(node.credentials ?? {})).toHaveLength(1);
		}
		expect(JSON.stringify(workflow).split(STAND_IN_ORIGIN)).toHaveLength(2);
	});

	test('a sticky note says what it does and what to change for production', () => {
		const notes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote').map((n) => String(n.parameters.content));
		const about = notes.find((text) => text.includes('For production'))!;
		expect(about).toMatch(/credential/);
		expect(about).toMatch(/Settings/);
		expect(about).toMatch(/schedule/);
		const triggers = workflow.nodes.filter((n) => /scheduleTrigger|webhook/.test(n.type));
		expect(triggers.length).toBeGreaterThan(0);
	});
});
