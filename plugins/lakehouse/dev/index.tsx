import { createDevApp } from '@backstage/dev-utils';
import { lakehousePlugin, LakehousePage } from '../src/plugin';

// Standalone dev app: `npm start` in this package (= `backstage-cli package start`),
// then open http://localhost:3000/lakehouse
createDevApp()
  .registerPlugin(lakehousePlugin)
  .addPage({
    element: <LakehousePage />,
    title: 'Lakehouse',
    path: '/lakehouse',
  })
  .render();
