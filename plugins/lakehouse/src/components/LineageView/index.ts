export { LineageView } from './LineageView';
