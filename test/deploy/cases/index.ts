// The deploy tier's cases, by phase: cases of one phase run side by side in lanes; a phase starts when the
// previous one is over, because its cases kill or restart processes the earlier ones rely on.
import type { Case } from '../../e2e/harness';
import type { DeployContext } from '../context';
import { actionsOnWorkers, bothWorkersUsed } from './actions';
import { bulkCase } from './bulk';

export type DeployCase = Case<DeployContext> & { always?: boolean };

export const PHASES: DeployCase[][] = [[...actionsOnWorkers, bothWorkersUsed, bulkCase]];
