import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** A record with files beside it (a downloaded PDF or receipt): one output item with `binary`. */
export class FileItem {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What an operation returns for one input item: one record, several (each becomes an output item), or a file. */
export type OperationResult = IDataObject | IDataObject[] | FileItem;

/** One operation: its editor fields and what it does for one item. The router handles the item loop. */
export interface HarvestOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult>;
}

/** One resource: its operations, and its Operation selector followed by their editor fields. */
export interface HarvestResource {
	operations: Record<string, HarvestOperation>;
	description: INodeProperties[];
}

/** Which resource and operation a set of fields belongs to. */
export interface OperationTarget {
	resource: string;
	operation: string;
}
