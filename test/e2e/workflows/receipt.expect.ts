import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeBinaries, nodeItems, storedIn } from '../n8n';
import { runOk } from '../cases/roundtrip';
import { loadFixture } from '../workflows';

// The receipt the sandbox stores must be byte-for-byte the file n8n built from the workflow's base64 text,
// and Download Receipt must bring the same bytes back into n8n (read by Extract From File), with the
// receipt's name and type, fetched without the token.
const check: Case<E2EContext> = {
	name: 'actions: expense receipt uploaded from n8n binary data, stored byte for byte, downloaded back',
	lane: 'actions',
	run: async (ctx) => {
		const fixture = loadFixture(__dirname, 'receipt.json');
		const setNode = fixture.nodes.find((n) => n.name === 'Receipt file') as { parameters: { assignments: { assignments: Array<{ value: string }> } } };
		const uploaded = Buffer.from(setNode.parameters.assignments.assignments[0].value, 'base64');

		const { result, requests } = await runOk(ctx, 'e2eReceiptUpload');
		const [expense] = nodeItems(result, 'Get');
		const receipt = expense?.receipt as { url: string; file_name: string; file_size: number; content_type: string } | undefined;
		assert.ok(receipt, 'the expense has no receipt');
		assert.equal(receipt.file_name, 'e2e-receipt.png');
		assert.equal(receipt.content_type, 'image/png');
		assert.equal(receipt.file_size, uploaded.length);
		const stored = await fetch(receipt.url);
		assert.equal(stored.status, 200, `receipt download ${receipt.url}`);
		assert.deepEqual(Buffer.from(await stored.arrayBuffer()), uploaded, 'stored receipt bytes');

		const [downloaded] = nodeBinaries(result, 'Download receipt', 'receiptFile');
		assert.ok(downloaded, 'Download Receipt put the file in receiptFile');
		assert.equal(downloaded.fileName, 'e2e-receipt.png');
		assert.equal(downloaded.mimeType, 'image/png');
		assert.ok(['filesystem-v2', 'filesystem', 'database', 'item'].includes(storedIn(downloaded)), `stored in ${storedIn(downloaded)}`);
		const [bytes] = nodeItems(result, 'Receipt bytes');
		assert.equal(bytes?.base64, uploaded.toString('base64'), 'downloaded receipt bytes, as n8n read them');
		const receiptRequests = requests.filter((r) => r.path === `/expenses/${String(expense.id)}/receipt`);
		assert.deepEqual(receiptRequests.map((r) => [r.status, r.credentials]), [[200, false]], 'one receipt download, without the token');

		// Leave the sandbox as it was for the other cases.
		await ctx.sandbox.api('DELETE', `/expenses/${String(expense.id)}`);
		await ctx.sandbox.api('DELETE', `/expense_categories/${String(nodeItems(result, 'New category')[0]?.id)}`);
	},
};

export default check;
