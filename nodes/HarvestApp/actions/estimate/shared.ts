/** The estimate's kinds list, line picker and PATCH endpoint, for the line item operations. */
export const ESTIMATE_DOCUMENT = {
	resource: 'estimate',
	update: 'PATCH /estimates/{estimateId}',
	idParameter: 'estimateId',
	kinds: 'getEstimateItemKinds',
	lineKind: 'estimateLineItem',
} as const;
