import { INVOICE_STATES } from '../../../shared/catalogue';
import { acrossParentsOperation } from '../../helpers/acrossParents';

export const { description, execute } = acrossParentsOperation(
	{ resource: 'invoiceMessage', operation: 'getAllAcross' },
	{ parents: 'GET /invoices', children: 'GET /invoices/{invoiceId}/messages', parentLabel: 'Invoice', values: { state: INVOICE_STATES } },
);
