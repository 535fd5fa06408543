import access from './access';
import desk from './desk';
import records from './records';

export default { access, desk, records };
