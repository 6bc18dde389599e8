import { INVOICE_STATES } from '../../../shared/catalogue';
import { acrossParentsOperation } from '../../helpers/acrossParents';

export const { description, execute } = acrossParentsOperation(
	{ resource: 'invoicePayment', operation: 'getAllAcross' },
	{ parents: 'GET /invoices', children: 'GET /invoices/{invoiceId}/payments', parentLabel: 'Invoice', values: { state: INVOICE_STATES } },
);
