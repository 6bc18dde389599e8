import type { RESOURCES } from './index';

/** Resource → operation names, derived from the registry so the router is checked by the compiler. */
export type HarvestAppMap = {
	[R in keyof typeof RESOURCES]: keyof (typeof RESOURCES)[R]['operations'] & string;
};

export type HarvestAppResource = keyof HarvestAppMap;
