// The example workflows (test/e2e/examples), each run against the examples sandbox and its counterpart's
// stand-in, in one lane: twice, then after edits and deletions on either side.
import type { E2EContext } from '../../context';
import type { Case } from '../../harness';
import { bitrix24Cases } from './bitrix24';
import { domoCases } from './domo';
import { pictureCases } from './pictures';
import { runnCases } from './runn';
import { upsalesCases } from './upsales';

export const exampleCases: Array<Case<E2EContext>> = [...runnCases, ...upsalesCases, ...domoCases, ...bitrix24Cases, ...pictureCases];
