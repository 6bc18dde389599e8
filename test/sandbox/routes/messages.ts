import { unprocessable } from '../errors';
import { Fields, isEmail } from '../fields';
import type { Recipient } from '../model';

/** `recipients: [{name, email}]` of invoice and estimate messages. */
export function recipientsOf(body: Fields): Recipient[] | undefined {
	const list = body.array('recipients');
	if (list === undefined || list === null) return undefined;
	return list.map((element) => {
		const f = new Fields(element);
		const email = f.str('email');
		if (!email) throw unprocessable("Recipient email can't be blank");
		if (!isEmail(email)) throw unprocessable(`Recipient email ${email} is invalid`);
		return { name: f.str('name') ?? null, email };
	});
}
