import {
  Header,
  HeaderLabel,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { AnomaliesView } from '../AnomaliesView';
import { CatalogView } from '../CatalogView';
import { DbtView } from '../DbtView';
import { JobsView } from '../JobsView';
import { LineageView } from '../LineageView';
import { OverviewView } from '../OverviewView';
import { ProfitabilityView } from '../ProfitabilityView';

/**
 * The lakehouse page: the live pipeline (overview), the Iceberg catalog, lineage, the
 * dbt project, gold profitability, scored anomalies and job runs, each a tab with its own route under
 * the page's mount point.
 *
 * @public
 */
export const LakehousePage = () => (
  <Page themeId="tool">
    <Header
      title="Medallion lakehouse"
      subtitle="Kafka → bronze → silver → gold, live"
    >
      <HeaderLabel label="Owner" value="data-platform" />
    </Header>
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Overview">
        <OverviewView />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/catalog" title="Catalog">
        <CatalogView />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/lineage" title="Lineage">
        <LineageView />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/dbt" title="dbt">
        <DbtView />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/profitability" title="Profitability">
        <ProfitabilityView />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/anomalies" title="Anomalies">
        <AnomaliesView />
      </TabbedLayout.Route>
      <TabbedLayout.Route path="/jobs" title="Jobs">
        <JobsView />
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);
