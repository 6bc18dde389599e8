import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeItems } from '../n8n';
import { runOk } from '../cases/roundtrip';
import { loadFixture } from '../workflows';

// The receipt the sandbox stores must be byte-for-byte the file n8n built from the workflow's base64 text.
const check: Case<E2EContext> = {
	name: 'actions: expense receipt uploaded from n8n binary data, stored byte for byte',
	lane: 'actions',
	run: async (ctx) => {
		const fixture = loadFixture(__dirname, 'receipt.json');
		const setNode = fixture.nodes.find((n) => n.name === 'Receipt file') as { parameters: { assignments: { assignments: Array<{ value: string }> } } };
		const uploaded = Buffer.from(setNode.parameters.assignments.assignments[0].value, 'base64');

		const { result } = await runOk(ctx, 'e2eReceiptUpload');
		const [expense] = nodeItems(result, 'Get');
		const receipt = expense?.receipt as { url: string; file_name: string; file_size: number; content_type: string } | undefined;
		assert.ok(receipt, 'the expense has no receipt');
		assert.equal(receipt.file_name, 'e2e-receipt.png');
		assert.equal(receipt.content_type, 'image/png');
		assert.equal(receipt.file_size, uploaded.length);
		const stored = await fetch(receipt.url);
		assert.equal(stored.status, 200, `receipt download ${receipt.url}`);
		assert.deepEqual(Buffer.from(await stored.arrayBuffer()), uploaded, 'stored receipt bytes');

		// Leave the sandbox as it was for the other cases.
		await ctx.sandbox.api('DELETE', `/expenses/${String(expense.id)}`);
		await ctx.sandbox.api('DELETE', `/expense_categories/${String(nodeItems(result, 'New category')[0]?.id)}`);
	},
};

export default check;
