export { DbtView } from './DbtView';
