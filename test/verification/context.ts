// What every verification case gets: a scratch folder per case and the package packed once, as npm would publish it.
import type { PackResult } from '../e2e/pack';

export interface VerificationContext {
	/** A fresh, empty folder for one case (removed after the run). */
	scratch: (name: string) => string;
	/** `npm pack` of the built checkout. */
	pack: PackResult;
	/** The tarball unpacked (its package/ folder), as n8n and the scanner see it. */
	unpacked: string;
}
