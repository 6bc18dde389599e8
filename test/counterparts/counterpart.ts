/** The contract each stand-in (Bitrix24, Domo, Runn, Upsales) fulfils for the shared server. */
import { RequestLog } from '../helpers/requestLog';
import { HttpError, type CallRequest, type Reply } from './http';
import type { LoggedRequest } from './log';

export abstract class Counterpart {
	/** The last 20,000 requests. */
	readonly log = new RequestLog<LoggedRequest>(20_000);

	/** URL prefix on the shared server, e.g. `runn` for `http://127.0.0.1:PORT/runn/…`. */
	abstract readonly name: string;

	/** Answers one API call (auth included unless `req.internal`); throws HttpError for error answers. */
	abstract handle(req: CallRequest): Promise<Reply> | Reply;

	/** The answer's body for an error, in the counterpart's own shape. */
	abstract errorBody(status: number, message: string): unknown;

	/** Everything stored, for tests and the admin API. */
	abstract state(): Record<string, unknown>;

	/** Back to the state at start. */
	abstract reset(): void;

	/** Adds records (the shape is the counterpart's own; see each README section). */
	abstract seed(input: Record<string, unknown>): unknown;

	/** What a client needs to reach it: base URL and credentials. */
	abstract info(origin: string): Record<string, unknown>;

	/** Whether a call changes data; by default every method but GET. */
	isWrite(req: CallRequest): boolean {
		return req.method !== 'GET' && req.method !== 'HEAD';
	}

	/** The API method a call names, where the API has named methods. */
	callName(_req: CallRequest): string | undefined {
		return undefined;
	}

	/** The path as logged (secrets in paths removed). */
	logPath(req: CallRequest): string {
		return req.path;
	}

	/** Routes of the admin API beyond the shared ones, or undefined when the route is not one of them. */
	adminRoute(_method: string, _route: string, _body: Record<string, unknown>): Promise<Reply | undefined> | Reply | undefined {
		return undefined;
	}

	/** Nothing more to wait for (the Bitrix24 stand-in delivers events in the background). */
	async idle(): Promise<void> {}

	close(): void {}
}

export function notFound(what = 'Not found'): never {
	throw new HttpError(404, what);
}

export function badRequest(message: string): never {
	throw new HttpError(400, message);
}

/** Reads an object field of a body that must be an object. */
export function objectBody(body: unknown): Record<string, unknown> {
	if (body === undefined || body === '') return {};
	if (!body || typeof body !== 'object' || Array.isArray(body)) badRequest('The body must be a JSON object');
	return body as Record<string, unknown>;
}
