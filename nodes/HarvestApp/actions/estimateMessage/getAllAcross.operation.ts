import { ESTIMATE_STATES } from '../../../shared/catalogue';
import { acrossParentsOperation } from '../../helpers/acrossParents';

export const { description, execute } = acrossParentsOperation(
	{ resource: 'estimateMessage', operation: 'getAllAcross' },
	{ parents: 'GET /estimates', children: 'GET /estimates/{estimateId}/messages', parentLabel: 'Estimate', values: { state: ESTIMATE_STATES } },
);
