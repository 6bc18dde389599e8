import { getAccounts } from '../../shared/methods/accounts';

import { getUsers } from './users';
import { getClientProjects, getInvoiceItemKinds } from '../actions/invoice/options';
import { getEstimateItemKinds } from '../actions/estimate/options';

export { listSearch } from '../../shared/methods/listSearch';
export const loadOptions = {
	getAccounts,
	getClientProjects,
	getEstimateItemKinds,
	getInvoiceItemKinds,
	getUsers,
};
