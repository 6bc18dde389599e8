import { createVariant } from './shared';

// Harvest starts a running timer when a new entry has neither Hours nor an Ended Time.
export const { description, execute } = createVariant('startTimer', { exclude: ['hours', 'ended_time'] });
