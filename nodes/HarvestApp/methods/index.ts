import { getAccounts } from '../../shared/methods/accounts';

import { getUsers } from './users';
import { getClientProjects, getInvoiceItemKinds, getInvoiceLineItems } from '../actions/invoice/options';
import { getEstimateItemKinds, getEstimateLineItems } from '../actions/estimate/options';

export { listSearch } from '../../shared/methods/listSearch';
export const loadOptions = {
	getAccounts,
	getClientProjects,
	getEstimateItemKinds,
	getEstimateLineItems,
	getInvoiceItemKinds,
	getInvoiceLineItems,
	getUsers,
};
