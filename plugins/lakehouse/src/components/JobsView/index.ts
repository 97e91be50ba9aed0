export { JobsView } from './JobsView';
