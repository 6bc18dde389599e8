/** The sandbox's seeded generator serves the trigger's randomized tests too: a printed seed replays a run. */
export { Rng as Prng } from '../sandbox/rng';

export { chooseSeeds, type SeedChoice } from '../helpers/seeds';
