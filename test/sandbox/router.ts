import type { Handler } from './context';

export interface Route {
	method: string;
	/** Path below `/v2` with `{name}` placeholders, as in Harvest's docs. */
	pattern: string;
	handler: Handler;
	segments: string[];
}

export interface Match {
	route: Route;
	params: Record<string, number>;
}

/** Method + path table. Placeholders only match integer segments, so `/users/me` never clashes with `/users/{userId}`. */
export class Router {
	readonly routes: Route[] = [];

	add(method: string, pattern: string, handler: Handler): void {
		this.routes.push({ method, pattern, handler, segments: pattern.split('/').filter(Boolean) });
	}

	get(pattern: string, handler: Handler): void {
		this.add('GET', pattern, handler);
	}

	post(pattern: string, handler: Handler): void {
		this.add('POST', pattern, handler);
	}

	patch(pattern: string, handler: Handler): void {
		this.add('PATCH', pattern, handler);
	}

	delete(pattern: string, handler: Handler): void {
		this.add('DELETE', pattern, handler);
	}

	match(method: string, path: string): Match | null {
		const parts = path.split('/').filter(Boolean);
		for (const route of this.routes) {
			if (route.method !== method || route.segments.length !== parts.length) continue;
			const params: Record<string, number> = {};
			let matched = true;
			for (let i = 0; i < parts.length; i++) {
				const seg = route.segments[i];
				if (seg.startsWith('{')) {
					if (!/^\d{1,15}$/.test(parts[i])) {
						matched = false;
						break;
					}
					params[seg.slice(1, -1)] = Number(parts[i]);
				} else if (seg !== parts[i]) {
					matched = false;
					break;
				}
			}
			if (matched) return { route, params };
		}
		return null;
	}
}
