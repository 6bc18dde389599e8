/** Seeded PRNG (mulberry32) for the trigger's randomized tests: a printed seed replays a run exactly. */
export class Prng {
	private state: number;

	constructor(readonly seed: number) {
		this.state = seed >>> 0 || 1;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
}

/** A seed from the environment (to replay a failure) or a fresh one. */
export function seedFrom(name: string, fallback: () => number): number {
	const given = Number(process.env[name]);
	return Number.isFinite(given) && given > 0 ? given : fallback();
}
