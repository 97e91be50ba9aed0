import { Route, Routes } from 'react-router-dom';
import { JobsOverview } from './JobsOverview';
import { RunDetail } from './RunDetail';

/**
 * The Jobs tab: jobs with their live runs and the runs list at `/jobs`, one run at
 * `/jobs/runs/:runId`.
 */
export const JobsView = () => (
  <Routes>
    <Route path="runs/:runId" element={<RunDetail />} />
    <Route path="*" element={<JobsOverview />} />
  </Routes>
);
