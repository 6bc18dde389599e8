import { createVariant } from './shared';

export const { description, execute } = createVariant('createByDuration', {
	top: ['hours'],
	required: ['hours'],
	exclude: ['started_time', 'ended_time'],
});
