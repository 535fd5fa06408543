import access from './access';
import attribution from './attribution';
import expiry from './expiry';
import listStatus from './list-status';
import preview from './preview';
import report from './report';
import settings from './settings';

export default { access, attribution, expiry, listStatus, preview, report, settings };
