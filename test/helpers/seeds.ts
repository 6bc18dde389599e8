/** How randomized tests choose their seeds: fixed under CI, random locally, always printed, replayable. */
export interface SeedChoice {
	seeds: number[];
	/** How the seeds were chosen, for the printed summary. */
	source: 'replay' | 'fixed (CI)' | 'random';
}

/**
 * The seeds of one randomized test: the one in the environment variable `name` (to replay a failure), else under
 * CI (`CI` set, as CI services do) the fixed list, so a build's result depends on the commit only, else `count`
 * consecutive seeds from a random start, so local runs keep exploring. Either way the test prints them.
 */
export function chooseSeeds(name: string, fixed: readonly number[], count = fixed.length): SeedChoice {
	const given = Number(process.env[name]);
	if (Number.isSafeInteger(given) && given > 0) return { seeds: [given], source: 'replay' };
	const ci = process.env.CI;
	if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return { seeds: [...fixed], source: 'fixed (CI)' };
	const base = Math.floor(Math.random() * 2 ** 30) + 1;
	return { seeds: Array.from({ length: count }, (_, i) => base + i), source: 'random' };
}
