import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtInvoice0001',
	title: 'invoice',
	collection: '/invoices',
	created: { subject: 'e2e invoice', amount: 450, state: 'draft', payment_term: 'net 30' },
	updated: { subject: 'e2e invoice (revised)', amount: 450 },
});
