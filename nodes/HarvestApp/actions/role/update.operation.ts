import { updateOperation } from '../../helpers/operations';
import { userPicker, withUserPicker } from '../teammate/userPicker';

const { description: fields, execute } = updateOperation({ resource: 'role', operation: 'update' }, 'PATCH /roles/{roleId}');

export const description = withUserPicker(fields, userPicker('user_ids', { hint: 'Replaces the role’s whole list of people' }));
export { execute };
