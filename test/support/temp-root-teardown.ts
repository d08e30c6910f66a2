import { removeTempRoot } from './temp-root';

export default removeTempRoot;
