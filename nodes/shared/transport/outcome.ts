import type { IDataObject } from 'n8n-workflow';

import { parseRetryAfter, type Failure } from './retry';
import { transportClock } from './types';

export function headerMap(headers: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [name, value] of Object.entries(headers as IDataObject)) {
			if (value !== undefined && value !== null) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
		}
	}
	return out;
}

export type Outcome =
	| { failure: Failure; body?: unknown; location?: string }
	/** The execution was cancelled: stop at once. */
	| { cancelled: true }
	/** Not an HTTP or socket failure (e.g. n8n asks to reconnect the credential): never retried. */
	| { foreign: Error };

/** Socket-level failures: nothing usable came back, so a read may be tried again. */
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const CANCEL_CODES = new Set(['ERR_CANCELED', 'ABORT_ERR']);

/**
 * Pulls status, headers and body out of whatever n8n's HTTP helper threw (n8n wraps the axios error).
 * Errors that are neither an HTTP answer nor a socket failure (n8n asking to reconnect a credential, a
 * cancelled execution) are not Harvest's and are passed on untouched in meaning.
 */
export function classify(error: unknown): Outcome {
	const err = error as IDataObject & { cause?: IDataObject };
	const response = ((err.cause?.response as IDataObject) ?? (err.response as IDataObject)) as IDataObject | undefined;
	const status = Number(response?.status ?? response?.statusCode ?? 0) || undefined;
	if (status) {
		const headers = headerMap(response?.headers);
		const serverNow = Date.parse(headers.date ?? '');
		const retryAfterMs = parseRetryAfter(
			headers['retry-after'],
			Number.isNaN(serverNow) ? transportClock.now() : serverNow,
		);
		return {
			failure: { kind: 'status', status, retryAfterMs },
			body: response?.data ?? response?.body,
			location: headers.location,
		};
	}
	const code = String(err.cause?.code ?? err.code ?? '');
	const name = String(err.cause?.name ?? err.name ?? '');
	if (CANCEL_CODES.has(code) || name === 'AbortError' || name === 'CanceledError') return { cancelled: true };
	const detail = [code, String(err.cause?.message ?? err.message ?? '')].filter(Boolean).join(': ').slice(0, 300);
	if (TIMEOUT_CODES.has(code)) return { failure: { kind: 'timeout', detail } };
	if (NETWORK_CODES.has(code) || (err.cause?.isAxiosError === true && !response) || err.isAxiosError === true) {
		return { failure: { kind: 'network', detail } };
	}
	return { foreign: (err.cause as unknown as Error | undefined) ?? (error as Error) };
}

export function parseBody(body: unknown): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return {};
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			const parsed = JSON.parse(body) as unknown;
			return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : undefined;
		} catch {
			return undefined;
		}
	}
	return typeof body === 'object' ? (body as IDataObject) : undefined;
}
