import attribution from './attribution';

export default { attribution };
