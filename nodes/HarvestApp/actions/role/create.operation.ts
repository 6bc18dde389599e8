import { createOperation } from '../../helpers/operations';
import { userPicker, withUserPicker } from '../teammate/userPicker';

const { description: fields, execute } = createOperation({ resource: 'role', operation: 'create' }, 'POST /roles');

export const description = withUserPicker(fields, userPicker('user_ids'));
export { execute };
