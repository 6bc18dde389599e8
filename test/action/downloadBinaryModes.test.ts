/**
 * Downloads in n8n's binary data modes, with n8n-core's own store: `default` keeps the file in the item
 * (base64 `data`), `filesystem` writes it to disk and leaves an id in the item. Either way the PDF that comes
 * back through n8n-core is the client link's PDF, with the name, type and extension the operation set.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { BinaryDataService, prepareBinaryData } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { byId, node, prepare, useActionSandbox } from './support';

// n8n-core's dependency container, as n8n-core itself resolves it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(require.resolve('@n8n/di', { paths: [path.dirname(require.resolve('n8n-core'))] })) as {
	Container: { set(type: unknown, value: unknown): void };
};

const env = useActionSandbox();
let storage: string;
beforeAll(() => {
	storage = fs.mkdtempSync(path.join(os.tmpdir(), 'harvest-binary-'));
});
afterAll(() => fs.rmSync(storage, { recursive: true, force: true }));

async function storeIn(mode: 'default' | 'filesystem'): Promise<BinaryDataService> {
	const quiet = { error() {}, warn() {}, info() {}, debug() {} };
	const service = new BinaryDataService({ mode, localStoragePath: storage, signingSecret: 'test' } as never, quiet as never, quiet as never);
	await service.init();
	Container.set(BinaryDataService, service);
	return service;
}

describe.each(['default', 'filesystem'] as const)('Download PDF in n8n binary mode "%s"', (mode) => {
	it('stores the PDF where the mode says and reads it back whole', async () => {
		const service = await storeIn(mode);
		const invoice = env.store().invoices.all().find((i) => i.number)!;
		const ctx = prepare({ resource: 'invoice', operation: 'downloadPdf', invoiceId: byId(invoice.id), binaryPropertyName: 'data' }, { credentials: env.credentials });
		ctx.helpers.prepareBinaryData = async (buffer, fileName, mimeType) => await prepareBinaryData(buffer, 'execution-1', 'workflow-1', fileName, mimeType);
		const [items] = await node.execute.call(ctx);
		const binary = items[0].binary!.data as IBinaryData;
		expect(binary).toMatchObject({ fileName: `invoice-${invoice.number}.pdf`, mimeType: 'application/pdf', fileExtension: 'pdf' });
		if (mode === 'default') expect(binary.id).toBeUndefined();
		else expect([binary.id?.split(':')[0], binary.data]).toEqual(['filesystem-v2', 'filesystem-v2']);
		const pdf = (await service.getAsBuffer(binary)).toString('latin1');
		expect(pdf.startsWith('%PDF-1.4')).toBe(true);
		expect(pdf).toContain(`(Invoice ${invoice.number}) Tj`);
		expect(binary.bytes).toBe(Buffer.byteLength(pdf, 'latin1'));
	});
});
