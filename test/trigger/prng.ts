/** The sandbox's seeded generator serves the trigger's randomized tests too: a printed seed replays a run. */
export { Rng as Prng } from '../sandbox/rng';

/** A seed from the environment (to replay a failure) or a fresh one. */
export function seedFrom(name: string, fallback: () => number): number {
	const given = Number(process.env[name]);
	return Number.isFinite(given) && given > 0 ? given : fallback();
}
