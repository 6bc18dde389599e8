import type { LoggedRequestBase } from '../helpers/requestLog';

/** The request log each stand-in keeps, so tests can tell what a workflow asked for (never any secret). */
export interface LoggedRequest extends LoggedRequestBase {
	/** Path below the counterpart's prefix (a Bitrix24 webhook path is shown without its secret code). */
	path: string;
	/** Whether the call changes data (Bitrix24: every method but *.get / *.list / *.getlist). */
	write: boolean;
	/** The API method a call names, where the API has them (Bitrix24's `tasks.task.add`). */
	call?: string;
}
