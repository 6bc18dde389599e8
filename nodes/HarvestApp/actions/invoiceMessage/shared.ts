import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { bodyFields, type EndpointKey } from '../../../shared/catalogue';
import { harvestRequest } from '../../../shared/transport';

import { fieldsCollection, topFields } from '../../descriptions/fields';
import { readBody } from '../../helpers/body';
import type { HarvestOperation, OperationTarget } from '../../helpers/interfaces';
import { describeOperation } from '../../helpers/operations';
import { pathFields, readPath } from '../../helpers/path';
import { invalid } from '../../helpers/validation';

/*
 * Invoice and estimate messages share one endpoint per document: without `event_type` Harvest emails the
 * message (and marks a draft as sent); with it, Harvest only changes the document's state. Estimate
 * messages reuse these factories.
 */

export interface SendOptions {
	/** Estimates need a recipient; invoices accept "send me a copy" alone. */
	copyIsEnough: boolean;
}

/** Emails the document to its recipients. */
export function sendOperation(target: OperationTarget, key: EndpointKey, options: SendOptions): HarvestOperation {
	const specs = bodyFields(key).filter((s) => s.name !== 'event_type');
	const top = ['recipients'];
	return {
		description: describeOperation(target, [
			...pathFields(key),
			...topFields(specs, top),
			fieldsCollection('additionalFields', 'Additional Fields', specs.filter((s) => !top.includes(s.name))),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			const body = readBody.call(this, itemIndex, specs, { top, collection: 'additionalFields' });
			const recipients = (body.recipients ?? []) as IDataObject[];
			if (recipients.length === 0) {
				delete body.recipients;
				if (!(options.copyIsEnough && body.send_me_a_copy === true)) {
					const problem = options.copyIsEnough ? 'needs an email address, unless "Send Me a Copy" is on' : 'needs at least one email address';
					invalid(this, itemIndex, 'Recipients', problem, 'Add a recipient with the Email to send the message to.');
				}
			}
			return await harvestRequest.call(this, { method: 'POST', path, body, itemIndex });
		},
	};
}

/** Changes the document's state without sending an email: the body is the event type alone. */
export function eventOperation(target: OperationTarget, key: EndpointKey, eventType: string): HarvestOperation {
	return {
		description: describeOperation(target, pathFields(key)),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const path = readPath.call(this, itemIndex, key);
			return await harvestRequest.call(this, { method: 'POST', path, body: { event_type: eventType }, itemIndex });
		},
	};
}
