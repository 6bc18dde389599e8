// The deploy tier's cases, by phase. Cases of one phase run side by side in lanes (lane "last" after the others,
// one case after another: its kills must not hit the other cases' executions); a phase starts when the previous
// one is over. Each phase runs under one scheduler: the cluster restarts when it changes.
import type { Case } from '../../e2e/harness';
import type { SchedulerMode } from '../cluster';
import type { DeployContext } from '../context';
import { actionsOnWorkers, bothWorkersUsed } from './actions';
import { bulkCase } from './bulk';
import { crashMainCase } from './crashMain';
import { crashWorkerCase } from './crashWorker';
import { triggerCases } from './trigger';

export interface Phase {
	scheduler: SchedulerMode;
	cases: Array<Case<DeployContext>>;
}

export const PHASES: Phase[] = [
	{
		scheduler: 'legacy',
		cases: [...actionsOnWorkers, bothWorkersUsed, bulkCase, ...triggerCases('legacy'), crashWorkerCase(), crashMainCase('legacy')],
	},
	{ scheduler: 'durable', cases: [...triggerCases('durable'), crashMainCase('durable')] },
];
