/** The estimate's own loadOptions methods and PATCH endpoint, for the line item operations. */
export const ESTIMATE_DOCUMENT = {
	resource: 'estimate',
	update: 'PATCH /estimates/{estimateId}',
	idParameter: 'estimateId',
	kinds: 'getEstimateItemKinds',
	lines: 'getEstimateLineItems',
} as const;
