import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { documentLines, itemKinds } from '../invoice/options';

export async function getEstimateItemKinds(this: ILoadOptionsFunctions) {
	return await itemKinds.call(this, 'GET /estimate_item_categories');
}

export async function getEstimateLineItems(this: ILoadOptionsFunctions) {
	return await documentLines.call(this, 'GET /estimates/{estimateId}', 'estimateId', 'estimate');
}
