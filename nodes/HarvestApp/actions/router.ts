import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FileItem, type HarvestOperation } from '../helpers/interfaces';
import { RESOURCES } from './index';
import type { HarvestAppResource } from './node.type';

function operationFor(this: IExecuteFunctions, itemIndex: number): HarvestOperation {
	const resource = this.getNodeParameter('resource', itemIndex) as HarvestAppResource;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const found = (RESOURCES[resource]?.operations as Record<string, HarvestOperation> | undefined)?.[operation];
	if (!found) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for "${resource}"`, {
			itemIndex,
		});
	}
	return found;
}

/** n8n errors keep their kind and gain the item index; anything else becomes a NodeOperationError. */
function withItem(this: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (error instanceof Error) return new NodeOperationError(this.getNode(), error, { itemIndex });
	return new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
}

/**
 * Runs the chosen operation once per input item. One output item per record (lists are spread), each
 * paired with its input item; with Continue On Fail an item that fails yields `{ error }` and the rest go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const operation = operationFor.call(this, itemIndex);
			const result = await operation.execute.call(this, itemIndex);
			if (result instanceof FileItem) {
				output.push({ json: result.json, binary: result.binary, pairedItem: { item: itemIndex } });
				continue;
			}
			const records: IDataObject[] = Array.isArray(result) ? result : [result];
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const failure = withItem.call(this, error, itemIndex);
			if (this.continueOnFail()) {
				output.push({ json: { error: failure.message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw failure;
		}
	}
	return [output];
}
