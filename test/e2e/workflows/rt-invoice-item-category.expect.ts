import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtInvoiceCat1',
	title: 'invoice item category',
	collection: '/invoice_item_categories',
	created: { name: 'e2e Licence' },
	updated: { name: 'e2e Licence (renamed)' },
});
