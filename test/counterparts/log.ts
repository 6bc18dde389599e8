/** The request log each stand-in keeps, so tests can tell what a workflow asked for (never any secret). */

export interface LoggedRequest {
	seq: number;
	time: string;
	method: string;
	/** Path below the counterpart's prefix (a Bitrix24 webhook path is shown without its secret code). */
	path: string;
	/** Query parameters without credentials (`auth`, `token`, `access_token`, `client_secret`). */
	query: Record<string, string>;
	status: number;
	/** Whether the call changes data (Bitrix24: every method but *.get / *.list / *.getlist). */
	write: boolean;
	/** The API method a call names, where the API has them (Bitrix24's `tasks.task.add`). */
	call?: string;
	bodyBytes: number;
}

const SECRET_PARAMS = new Set(['auth', 'token', 'access_token', 'client_secret', 'refresh_token', 'password']);

export function safeQuery(query: URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of query) if (!SECRET_PARAMS.has(key.toLowerCase())) out[key] = value;
	return out;
}

export class RequestLog {
	private entries: LoggedRequest[] = [];
	private seq = 0;

	add(entry: Omit<LoggedRequest, 'seq'>): void {
		this.entries.push({ seq: ++this.seq, ...entry });
		if (this.entries.length > 20_000) this.entries.splice(0, 5_000);
	}

	list(): LoggedRequest[] {
		return this.entries.map((e) => ({ ...e, query: { ...e.query } }));
	}

	clear(): void {
		this.entries = [];
	}
}
