import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeBinaries, nodeItems, storedIn } from '../n8n';
import { runOk } from '../cases/roundtrip';

// Invoice and estimate PDFs in a real n8n: the Harvest node puts each PDF in the binary field the workflow
// names, n8n stores it in its binary data mode, and n8n's own Extract From File reads the document's number
// back out of the PDF text. The client links get no token.
const check: Case<E2EContext> = {
	name: 'actions: invoice and estimate PDFs downloaded to binary, read back by Extract From File',
	lane: 'actions',
	run: async (ctx) => {
		const { result, requests } = await runOk(ctx, 'e2eDownloadPdfs');
		const [invoice] = nodeItems(result, 'Invoice PDF');
		const [estimate] = nodeItems(result, 'Estimate PDF');
		assert.ok(invoice?.id && estimate?.id, 'both documents came out as JSON');

		const [invoicePdf] = nodeBinaries(result, 'Invoice PDF', 'invoicePdf');
		assert.ok(invoicePdf, 'the invoice item has the binary field invoicePdf');
		assert.equal(invoicePdf.mimeType, 'application/pdf');
		assert.equal(invoicePdf.fileName, `invoice-${String(invoice.number || invoice.id)}.pdf`);
		assert.equal(invoicePdf.fileExtension, 'pdf');
		const [estimatePdf] = nodeBinaries(result, 'Estimate PDF', 'data');
		assert.equal(estimatePdf?.fileName, `estimate-${String(estimate.number || estimate.id)}.pdf`);
		// n8n 2.x keeps files outside the item by default (filesystem mode); 1.x kept them in the item.
		assert.ok(['filesystem-v2', 'filesystem', 'database', 'item'].includes(storedIn(invoicePdf)), `stored in ${storedIn(invoicePdf)}`);

		const [invoiceText] = nodeItems(result, 'Read invoice PDF');
		assert.match(String(invoiceText?.text ?? ''), new RegExp(`Invoice ${String(invoice.number || invoice.id)}`), 'the PDF text names the invoice');
		assert.match(String(invoiceText?.text ?? ''), /Amount due: /);
		assert.equal((invoiceText?.info as { Title?: string } | undefined)?.Title, `Invoice ${String(invoice.number || invoice.id)}`);
		const [estimateText] = nodeItems(result, 'Read estimate PDF');
		assert.match(String(estimateText?.text ?? ''), new RegExp(`Estimate ${String(estimate.number || estimate.id)}`));

		const links = requests.filter((r) => r.path.startsWith('/client/'));
		assert.deepEqual(
			links.map((r) => [r.path.replace(/[0-9a-f]{40}/, '{key}'), r.status, r.credentials]).sort(),
			[
				['/client/invoices/{key}.pdf', 200, false],
				['/client/estimates/{key}.pdf', 200, false],
			].sort(),
		);
	},
};

export default check;
