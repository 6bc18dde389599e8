// Every e2e case. Cases in one lane run in order; lanes overlap, so a slow wait hides behind other work.
import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { actionCases } from './actions';
import { aiToolCases } from './ai-tool';
import { cliCases } from './cli';
import { credentialSafetyCases } from './credential-safety';
import { credentialCases } from './credentials';
import { editorCases } from './editor';
import { exampleCases } from './examples';
import { packageCases } from './package';
import { triggerCases } from './trigger';

export const allCases: Array<Case<E2EContext>> = [
	...triggerCases,
	...editorCases,
	...credentialCases,
	...credentialSafetyCases,
	...packageCases,
	...aiToolCases,
	...cliCases,
	...actionCases,
	...exampleCases,
];
