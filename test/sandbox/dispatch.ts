import type { ApiContext, ApiResult } from './context';
import { notFound } from './errors';
import { Fields } from './fields';
import type { UploadedFile } from './multipart';
import { Query } from './query';
import type { SandboxState } from './state';
import type { AccountStore } from './store';

export interface ApiCall {
	method: string;
	/** Full path including `/v2`. */
	path: string;
	query?: URLSearchParams;
	fields?: Record<string, unknown>;
	files?: Record<string, UploadedFile>;
	origin: string;
}

/** Routes one API call to its handler in an account (throws ApiError for non-2xx answers). */
export function dispatch(state: SandboxState, store: AccountStore, call: ApiCall): ApiResult {
	const match = state.router.match(call.method, call.path.replace(/^\/v2(?=\/|$)/, ''));
	if (!match) throw notFound();
	const now = state.clock.nowSec();
	const ctx: ApiContext = {
		store,
		method: call.method,
		path: call.path,
		params: match.params,
		query: new Query(call.query ?? new URLSearchParams()),
		body: new Fields(call.fields ?? {}),
		files: call.files ?? {},
		origin: call.origin,
		now,
		pc: { store, now, origin: call.origin },
	};
	return match.route.handler(ctx);
}
