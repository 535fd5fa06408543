import attribution from './attribution';
import listFilter from './list-filter';

export default { attribution, 'list-filter': listFilter };
