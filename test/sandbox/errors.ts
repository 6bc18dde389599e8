/** An API answer other than success, thrown by handlers and turned into a response by the server. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : `HTTP ${status}`);
	}
}

export function notFound(): ApiError {
	return new ApiError(404, { status: 404, error: 'Not Found' });
}

/** 422 with Harvest's `{"message": …}` body. */
export function unprocessable(message: string): ApiError {
	return new ApiError(422, { message });
}

export function badRequest(message: string): ApiError {
	return new ApiError(400, { message });
}

export const INVALID_TOKEN_BODY = {
	error: 'invalid_token',
	error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};

export function invalidToken(): ApiError {
	return new ApiError(401, INVALID_TOKEN_BODY);
}
