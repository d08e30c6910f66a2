import { makeTempRoot } from './temp-root';

export default makeTempRoot;
