import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { itemKinds } from '../invoice/options';

export async function getEstimateItemKinds(this: ILoadOptionsFunctions) {
	return await itemKinds.call(this, 'GET /estimate_item_categories');
}
