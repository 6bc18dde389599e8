import type { IDataObject } from 'n8n-workflow';

import type { Failure } from './retry';

/** What went wrong with one request, reduced to what a user can act on. Never holds the token. */
export interface HarvestProblem {
	message: string;
	description: string;
	httpCode?: string;
}

const WRITE_OUTCOME_UNKNOWN =
	'The request may or may not have been applied by Harvest. Check in Harvest before running it again, so nothing is created twice.';

/** `/projects/7/user_assignments/99` → `User assignment 99 of project 7`. */
export function describeTarget(path: string): string | undefined {
	const segments = path.split('?')[0].split('/').filter(Boolean);
	const pairs: Array<[string, string]> = [];
	for (let i = 0; i + 1 < segments.length; i++) {
		if (/^\d+$/.test(segments[i + 1]) && !/^\d+$/.test(segments[i])) pairs.push([segments[i], segments[i + 1]]);
	}
	if (pairs.length === 0) return undefined;
	const names = pairs.map(([collection, id]) => `${singular(collection)} ${id}`);
	const [last, ...parents] = names.reverse();
	const text = parents.length ? `${last} of ${parents.join(' of ')}` : last;
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function singular(collection: string): string {
	const words = collection.replace(/_/g, ' ');
	if (words.endsWith('categories')) return `${words.slice(0, -3)}y`;
	if (words.endsWith('entries')) return `${words.slice(0, -3)}y`;
	return words.endsWith('s') ? words.slice(0, -1) : words;
}

function harvestMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return typeof body === 'string' && body.length < 500 ? body : undefined;
	const data = body as IDataObject;
	for (const key of ['message', 'error_description', 'error']) {
		if (typeof data[key] === 'string' && data[key]) return data[key] as string;
	}
	return undefined;
}

export function describeFailure(
	method: string,
	path: string,
	failure: Failure,
	body: unknown,
	accountId: string,
	location?: string,
): HarvestProblem {
	const isWrite = method !== 'GET';
	const said = harvestMessage(body);
	if (failure.kind !== 'status') {
		const what =
			failure.kind === 'timeout'
				? 'Harvest did not answer in time'
				: failure.kind === 'malformed'
					? 'Harvest sent a response that is not valid JSON'
					: 'The connection to Harvest failed';
		// The socket's own words go in the description: n8n rewrites messages that contain error codes.
		const cause = failure.detail ? ` Cause: ${failure.detail}.` : '';
		return {
			message: what,
			description:
				(isWrite ? WRITE_OUTCOME_UNKNOWN : 'Reads are retried automatically; this one kept failing. Try again later.') + cause,
		};
	}
	const status = failure.status ?? 0;
	const httpCode = String(status);
	if (status >= 300 && status < 400) {
		return {
			httpCode,
			message: `Harvest answered with a redirect (${status})${location ? ` to ${location.split('?')[0]}` : ''}`,
			description:
				'Redirects are not followed, so the token never leaves the configured API host. Check the API Base URL in the credential.',
		};
	}
	switch (status) {
		case 400:
			return { httpCode, message: `Harvest rejected the request: ${said ?? 'bad request'}`, description: 'Check the parameters.' };
		case 401:
			return {
				httpCode,
				message: `Harvest did not accept the credentials: ${said ?? 'invalid token'}`,
				description:
					'Check the token (create one at https://id.getharvest.com/developers) and that the Account ID belongs to it.',
			};
		case 403:
			return {
				httpCode,
				message: `Harvest refused access: ${said ?? 'forbidden'}`,
				description: 'The Harvest user behind the credential lacks the permission (role) this needs.',
			};
		case 404: {
			const target = describeTarget(path);
			return {
				httpCode,
				message: target ? `${target} was not found` : `Harvest has no ${path.split('?')[0]}`,
				description: `Nothing with that ID exists in Harvest account ${accountId}, or the user cannot see it.`,
			};
		}
		case 422:
			return {
				httpCode,
				message: `Harvest could not process the request: ${said ?? 'unprocessable'}`,
				description: 'Harvest checked the values and refused them; the message above says which.',
			};
		case 429:
			return {
				httpCode,
				message: 'Harvest rate limit reached',
				description: 'Harvest kept throttling the account (100 requests per 15 s; reports 100 per 15 min). Try again later.',
			};
		default:
			if (status >= 500) {
				return {
					httpCode,
					message: `Harvest had a server error (${status})`,
					description: isWrite ? WRITE_OUTCOME_UNKNOWN : 'Reads are retried automatically; this one kept failing.',
				};
			}
			return { httpCode, message: `Harvest answered ${status}${said ? `: ${said}` : ''}`, description: 'Check the parameters.' };
	}
}
