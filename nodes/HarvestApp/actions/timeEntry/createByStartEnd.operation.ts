import { createVariant } from './shared';

export const { description, execute } = createVariant('createByStartEnd', {
	top: ['started_time', 'ended_time'],
	required: ['started_time', 'ended_time'],
	exclude: ['hours'],
});
