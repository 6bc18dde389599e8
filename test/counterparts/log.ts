/** The request log each stand-in keeps, so tests can tell what a workflow asked for (never any secret). */
export interface LoggedRequest {
	seq: number;
	time: string;
	method: string;
	/** Path below the counterpart's prefix (a Bitrix24 webhook path is shown without its secret code). */
	path: string;
	/** Query parameters without credentials (`auth`, `token`, `access_token`, …: `safeQuery` in test/helpers/requestLog.ts). */
	query: Record<string, string>;
	status: number;
	/** Whether the call changes data (Bitrix24: every method but *.get / *.list / *.getlist). */
	write: boolean;
	/** The API method a call names, where the API has them (Bitrix24's `tasks.task.add`). */
	call?: string;
	bodyBytes: number;
}

