import { created, emptyOk, listOf, must, ok } from '../context';
import { unprocessable } from '../errors';
import { assign, isEmail } from '../fields';
import { boolEq, idEq, updatedSince } from '../filters';
import { presentClient, presentContact } from '../present';
import type { Router } from '../router';
import { currencyOf, randomHex, ref, unique } from './helpers';

export function registerClients(r: Router): void {
	r.get('/clients', (ctx) =>
		listOf(ctx, ctx.store.clients, {
			key: 'clients', kind: 'cursor', present: presentClient,
			filters: [boolEq(ctx.query, 'is_active', (c) => c.is_active), updatedSince(ctx.query)],
		}),
	);

	r.post('/clients', ({ store, body, pc }) => {
		const name = body.requireStr('name');
		unique(store.clients, name, (c) => c.name);
		const row = store.create(store.clients, {
			name,
			is_active: body.bool('is_active') ?? true,
			address: body.str('address') ?? null,
			statement_key: randomHex(32),
			currency: currencyOf(body) ?? store.company.currency,
		});
		return created(presentClient(pc, row));
	});

	r.get('/clients/{clientId}', ({ store, params, pc }) => ok(presentClient(pc, must(store.clients, params.clientId))));

	r.patch('/clients/{clientId}', ({ store, params, body, pc }) => {
		const row = must(store.clients, params.clientId);
		const name = body.has('name') ? body.requireStr('name') : undefined;
		if (name !== undefined) unique(store.clients, name, (c) => c.name, 'Name', row.id);
		const isActive = body.bool('is_active');
		const updates = { name, is_active: isActive === null ? undefined : isActive, address: body.str('address'), currency: currencyOf(body) };
		store.touch(store.clients, row, (c) => assign(c, updates));
		return ok(presentClient(pc, row));
	});

	r.delete('/clients/{clientId}', ({ store, params }) => {
		const row = must(store.clients, params.clientId);
		const used =
			store.projects.some((p) => p.client_id === row.id) ||
			store.invoices.some((i) => i.client_id === row.id) ||
			store.estimates.some((e) => e.client_id === row.id);
		if (used) throw unprocessable('This client has projects, invoices or estimates associated with it and cannot be deleted. Archive it instead.');
		for (const contact of store.contacts.filter((c) => c.client_id === row.id)) store.contacts.delete(contact.id);
		store.clients.delete(row.id);
		return emptyOk();
	});

	r.get('/contacts', (ctx) =>
		listOf(ctx, ctx.store.contacts, {
			key: 'contacts', kind: 'cursor', present: presentContact,
			filters: [idEq(ctx.query, 'client_id', (c) => c.client_id), updatedSince(ctx.query)],
		}),
	);

	r.post('/contacts', ({ store, body, pc }) => {
		const clientId = body.requireInt('client_id');
		const firstName = body.requireStr('first_name');
		ref(store.clients, clientId, 'Client');
		const email = body.str('email') ?? null;
		if (email && !isEmail(email)) throw unprocessable('Email is invalid');
		const row = store.create(store.contacts, {
			client_id: clientId,
			title: body.str('title') ?? null,
			first_name: firstName,
			last_name: body.str('last_name') ?? null,
			email,
			phone_office: body.str('phone_office') ?? '',
			phone_mobile: body.str('phone_mobile') ?? '',
			fax: body.str('fax') ?? '',
		});
		return created(presentContact(pc, row));
	});

	r.get('/contacts/{contactId}', ({ store, params, pc }) => ok(presentContact(pc, must(store.contacts, params.contactId))));

	r.patch('/contacts/{contactId}', ({ store, params, body, pc }) => {
		const row = must(store.contacts, params.contactId);
		const clientId = body.has('client_id') ? body.requireInt('client_id') : undefined;
		if (clientId !== undefined) ref(store.clients, clientId, 'Client');
		const email = body.str('email');
		if (email && !isEmail(email)) throw unprocessable('Email is invalid');
		const updates = {
			client_id: clientId,
			title: body.str('title'),
			first_name: body.has('first_name') ? body.requireStr('first_name') : undefined,
			last_name: body.str('last_name'),
			email,
			phone_office: body.str('phone_office'),
			phone_mobile: body.str('phone_mobile'),
			fax: body.str('fax'),
		};
		store.touch(store.contacts, row, (c) => assign(c, updates));
		return ok(presentContact(pc, row));
	});

	r.delete('/contacts/{contactId}', ({ store, params }) => {
		must(store.contacts, params.contactId);
		store.contacts.delete(params.contactId);
		return emptyOk();
	});
}
