import admin from './admin';
import attribution from './attribution';

export default { admin, attribution };
